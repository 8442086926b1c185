//! passage: a static site generator for multilingual awareness campaigns and photo exhibits.
//!
//! The build runs one way, load → resolve → render → write: [`content`], [`exhibit`] and
//! [`i18n`] load the site, [`resolve`] decides which page is published in which language, every
//! [`outputs::Output`] renders its files, and [`staging`] swaps the finished site into place.
//! [`site`] runs those stages; [`cli`] and [`cmd`] are the thin command line over them.

pub mod assets;
pub mod cache;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod confine;
pub mod content;
pub mod contrast;
pub mod csp;
pub mod date;
pub mod diagnostics;
pub mod escape;
pub mod exhibit;
pub mod feeds;
pub mod i18n;
pub mod images;
pub mod last_pages;
pub mod markdown;
pub mod media;
pub mod outputs;
pub mod refused;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod staging;
pub mod status;
pub mod text;
pub mod urls;
