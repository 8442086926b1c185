site-name = EMERGE
site-tagline = Migrants' Rights are Human Rights
skip-to-content = Skip to main content
nav-label = Main
nav-home = Home
language-switcher-label = Language
translation-missing = not translated yet
fallback-notice = This page is not yet available in { $language }. It is shown in { $original }.
stories-count = { $count ->
    [one] { $count } story
   *[other] { $count } stories
}
latest-stories = Latest stories
all-stories = All stories
published = Published { $date }
tags-label = Tags
all-tags = All tags
tag-title = Stories tagged “{ $tag }”
pagination-label = Pages
page-previous = Newer stories
page-next = Older stories
page-position = Page { $current } of { $total }
not-found-title = Page not found
not-found-text = Sorry, we could not find this page. It may have moved.
back-home = Go to the home page
feed-label = News feed (Atom)
footer-funding = The EMERGE project is funded by the Ministry of Foreign Affairs of Norway and implemented by IOM, the UN Migration Agency.
choose-language = Choose your language
