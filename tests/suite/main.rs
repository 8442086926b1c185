//! Every integration test in one binary, as mdBook does: the image stack is linked once, and
//! the example site is built once for all the tests that read its output.

mod common;

mod build;
mod check;
mod errors;
mod example_site;
mod exhibit;
mod faults;
mod generated;
mod images;
mod media;
mod new;
mod quality;
mod rebuild;
mod search;
mod security;
mod serve;
mod status;
mod theme;
