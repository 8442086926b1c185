//! The one list of outputs: to publish a new kind of file, add its [`Output`] here.

use std::sync::Arc;

use crate::assets::Assets;
use crate::exhibit::{ExhibitPages, Journey};
use crate::outputs::{
    Feeds, Headers, Lists, MediaFiles, Output, PageFiles, Pages, Photos, Search, Sitemap, Special,
    ThemeFiles,
};

/// Every output of a site, in the order their files are planned.
pub fn outputs(
    assets: Arc<Assets>,
    journeys: Arc<Vec<Journey>>,
    search: Search,
) -> Vec<Box<dyn Output>> {
    vec![
        Box::new(Special),
        Box::new(Lists),
        Box::new(Pages),
        Box::new(ExhibitPages { journeys }),
        Box::new(Feeds),
        Box::new(Sitemap),
        Box::new(search),
        Box::new(Headers(assets.clone())),
        Box::new(ThemeFiles(assets)),
        Box::new(PageFiles),
        Box::new(Photos),
        Box::new(MediaFiles),
    ]
}
