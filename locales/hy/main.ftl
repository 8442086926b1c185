site-name = EMERGE
site-tagline = Միգրանտների իրավունքները մարդու իրավունքներ են
skip-to-content = Անցնել հիմնական բովանդակությանը
nav-label = Հիմնական ընտրացանկ
nav-home = Գլխավոր
language-switcher-label = Լեզու
translation-missing = դեռ թարգմանված չէ
fallback-notice = Այս էջը դեռ հասանելի չէ հետևյալ լեզվով՝ { $language }։ Այն ներկայացված է հետևյալ լեզվով՝ { $original }։
stories-count = { $count ->
    [one] { $count } պատմություն
   *[other] { $count } պատմություն
}
latest-stories = Վերջին պատմությունները
all-stories = Բոլոր պատմությունները
published = Հրապարակվել է՝ { $date }
tags-label = Պիտակներ
all-tags = Բոլոր պիտակները
tag-title = «{ $tag }» պիտակով պատմություններ
pagination-label = Էջեր
page-previous = Ավելի նոր պատմություններ
page-next = Ավելի հին պատմություններ
page-position = Էջ { $current }՝ { $total }-ից
not-found-title = Էջը չի գտնվել
not-found-text = Ցավոք, այս էջը չգտանք։ Հնարավոր է, որ այն տեղափոխվել է։
back-home = Անցնել գլխավոր էջ
feed-label = Լրահոս (Atom)
footer-funding = EMERGE ծրագիրը ֆինանսավորում է Նորվեգիայի արտաքին գործերի նախարարությունը, իրականացնում է ՄԱԿ-ի միգրացիոն գործակալությունը՝ ՄՄԿ-ն։
choose-language = Ընտրեք լեզուն
exhibit-title = Լուսանկարների ցուցահանդես
exhibit-description = Լուսանկարներով պատմված ճանապարհորդություններ։ Բացեք լուսանկարը՝ այն մեծ չափով դիտելու համար․ յուրաքանչյուր լուսանկար ունի իր էջը՝ կիսվելու համար։
exhibit-photo-count = { $count ->
    [one] { $count } լուսանկար
   *[other] { $count } լուսանկար
}
exhibit-photo-position = { $total } լուսանկարից { NUMBER($position, type: "ordinal") ->
    [one] { $position }-ինը
   *[other] { $position }-րդը
}
exhibit-viewer-label = Լուսանկարների դիտիչ
exhibit-previous = Նախորդ լուսանկարը
exhibit-next = Հաջորդ լուսանկարը
exhibit-close = Փակել
exhibit-back = Վերադառնալ ճանապարհորդությանը
exhibit-photo-nav = Այս ճանապարհորդության լուսանկարները
exhibit-credit = Լուսանկարը՝ { $credit }
exhibit-credit-clip = Հեղինակ՝ { $credit }
exhibit-place-city = { $city }, { $country }
exhibit-labels = Տպելու պիտակներ
exhibit-labels-help = Մեկ պիտակ յուրաքանչյուր լուսանկարի համար՝ { $paper } չափի թղթի վրա։ Տպեք այս էջը (առանց վերնագրերի և էջատակերի) և կտրեք կետագծերի երկայնքով։ QR կոդը բացում է լուսանկարը կայքում։
exhibit-scan = Սկանավորեք՝ լուսանկարը առցանց տեսնելու համար
search-title = Որոնում
search-label = Որոնել կայքում
search-hint = Գրեք բառը կամ դրա սկիզբը. «միգր»-ը կգտնի «միգրանտ» և «միգրացիա»։
search-button = Որոնել
search-filter-label = Ցույց տալ
search-filter-all = Ամեն ինչ
search-filter-story = Պատմություններ
search-filter-page = Էջեր
search-results = { $count ->
    [one] { $count } արդյունք
   *[other] { $count } արդյունք
}
search-none = Ոչինչ չգտնվեց։ Փորձեք բառի սկիզբը կամ այլ բառ։
search-searching = Որոնում ենք…
search-no-js = Որոնման համար անհրաժեշտ է JavaScript, որն այս դիտարկիչում անջատված է։ Փոխարենը կարող եք դիտել պատմությունները և պիտակները՝
search-unavailable = Որոնումը չհաջողվեց բեռնել։ Ստուգեք կապը և նորից փորձեք։
search-empty = Այս լեզվով դեռ որոնելու բան չկա։ Կարող եք սկսել այստեղից՝
media-size = { $megabytes } ՄԲ
media-download-video = Ներբեռնել տեսանյութը
media-download-audio = Ներբեռնել ձայնագրությունը
media-transcript = Տեքստային տարբերակ
media-facade-notice = Միացնելիս տեսանյութը կբեռնվի { $site }-ից, որը կարող է գրանցել ձեր այցը։
media-video = Տեսանյութ
media-audio = Ձայնագրություն
menu-button = Ընտրացանկ
get-help = Օգնություն
help-title = Օգնության կարի՞ք ունեք
help-text = Իմացեք ձեր՝ որպես միգրանտի իրավունքների մասին և թե որ հաստատությունները կարող են ձեզ աջակցել՝ ձեր լեզվով։
share-title = Կիսվեք այս պատմությամբ
share-email = Էլ. փոստ
share-more = Կիսվելու այլ եղանակներ
more-stories = Այլ պատմություններ
partners-funders = Ֆինանսավորող
partners-partners = Գործընկերներ
exhibit-see-all = Դիտել ամբողջ ցուցահանդեսը
