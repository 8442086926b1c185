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
