//! passage: a static site generator for multilingual awareness campaigns and photo exhibits.
//!
//! The build runs one way: [`content`] and [`i18n`] load the site, [`site`] resolves which page
//! is published in which language and renders it through [`markdown`] and [`render`], and
//! [`output`] swaps the finished site into place.

pub mod assets;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod escape;
pub mod exhibit;
pub mod feeds;
pub mod i18n;
pub mod images;
pub mod markdown;
pub mod outputs;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod slug;
pub mod staging;
pub mod status;
pub mod text;
pub mod urls;
