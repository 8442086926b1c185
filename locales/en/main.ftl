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
exhibit-title = Photo exhibit
exhibit-description = Journeys told in photographs. Open a photo to see it large; every photo has its own page to share.
exhibit-photo-count = { $count ->
    [one] { $count } photo
   *[other] { $count } photos
}
# "3rd of 12 photos": announced by screen readers as the viewer moves.
exhibit-photo-position = { NUMBER($position, type: "ordinal") ->
    [one] { $position }st
    [two] { $position }nd
    [few] { $position }rd
   *[other] { $position }th
} of { $total ->
    [one] { $total } photo
   *[other] { $total } photos
}
exhibit-viewer-label = Photo viewer
exhibit-previous = Previous photo
exhibit-next = Next photo
exhibit-close = Close
exhibit-back = Back to the journey
exhibit-photo-nav = Photos of this journey
exhibit-credit = Photo: { $credit }
exhibit-credit-clip = By { $credit }
exhibit-place-city = { $city }, { $country }
exhibit-labels = Printable labels
exhibit-labels-help = One label per photo, sized for { $paper } paper. Print this page (without headers and footers) and cut along the dashed lines. Each QR code opens the photo on the public website.
exhibit-scan = Scan to see this photo online
search-title = Search
search-label = Search the site
search-hint = Type a word, or only its beginning: “migra” finds “migrant” and “migration”.
search-button = Search
search-filter-label = Show
search-filter-all = Everything
search-filter-story = Stories
search-filter-page = Pages
search-results = { $count ->
    [one] { $count } result
   *[other] { $count } results
}
search-none = Nothing found. Try the beginning of a word, or another word.
search-searching = Searching…
search-no-js = Search needs JavaScript, which is off in this browser. You can browse the stories and the tags instead:
search-unavailable = Search could not be loaded. Check the connection and try again.
search-empty = There is nothing to search in this language yet. The pages below are a way in:
media-size = { $megabytes } MB
media-download-video = Download the video
media-download-audio = Download the recording
media-transcript = Transcript
media-facade-notice = Playing loads the video from { $site }, which may record your visit.
media-video = Video
media-audio = Recording
menu-button = Menu
get-help = Get help
help-title = Need help?
help-text = Find out about your rights as a migrant and which institutions can support you, in your language.
share-title = Share this story
share-email = E-mail
share-more = More ways to share
more-stories = More stories
partners-funders = Funded by
partners-partners = Partners
exhibit-see-all = See the whole exhibit
