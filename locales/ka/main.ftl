site-name = EMERGE
site-tagline = მიგრანტთა უფლებები ადამიანის უფლებებია
skip-to-content = მთავარ შინაარსზე გადასვლა
nav-label = მთავარი მენიუ
nav-home = მთავარი
language-switcher-label = ენა
translation-missing = ჯერ არ არის თარგმნილი
fallback-notice = ეს გვერდი ჯერ არ არის ხელმისაწვდომი ენაზე: { $language }. ნაჩვენებია ენაზე: { $original }.
stories-count = { $count ->
    [one] { $count } ისტორია
   *[other] { $count } ისტორია
}
latest-stories = უახლესი ისტორიები
all-stories = ყველა ისტორია
published = გამოქვეყნდა: { $date }
tags-label = თეგები
all-tags = ყველა თეგი
tag-title = ისტორიები თეგით „{ $tag }“
pagination-label = გვერდები
page-previous = უფრო ახალი ისტორიები
page-next = უფრო ძველი ისტორიები
page-position = გვერდი { $current } / { $total }
not-found-title = გვერდი ვერ მოიძებნა
not-found-text = სამწუხაროდ, ეს გვერდი ვერ მოვძებნეთ. შესაძლოა, ის სხვა მისამართზე გადავიდა.
back-home = მთავარ გვერდზე დაბრუნება
feed-label = სიახლეების არხი (Atom)
footer-funding = პროექტ EMERGE-ს აფინანსებს ნორვეგიის საგარეო საქმეთა სამინისტრო, ხოლო ახორციელებს გაეროს მიგრაციის სააგენტო – IOM.
choose-language = აირჩიეთ ენა
exhibit-title = ფოტოგამოფენა
exhibit-description = ფოტოებით მოთხრობილი მოგზაურობები. გახსენით ფოტო დიდ ზომაში; ყველა ფოტოს საკუთარი გვერდი აქვს, რომ გააზიაროთ.
exhibit-photo-count = { $count ->
    [one] { $count } ფოტო
   *[other] { $count } ფოტო
}
exhibit-photo-position = { NUMBER($position, type: "ordinal") ->
    [one] { $position }-ლი
    [many] მე-{ $position }
   *[other] { $position }-ე
} ფოტო { $total }-დან
exhibit-viewer-label = ფოტოების დამთვალიერებელი
exhibit-previous = წინა ფოტო
exhibit-next = შემდეგი ფოტო
exhibit-close = დახურვა
exhibit-back = მოგზაურობაზე დაბრუნება
exhibit-photo-nav = ამ მოგზაურობის ფოტოები
exhibit-credit = ფოტო: { $credit }
exhibit-credit-clip = ავტორი: { $credit }
exhibit-place-city = { $city }, { $country }
exhibit-labels = დასაბეჭდი ეტიკეტები
exhibit-labels-help = თითო ეტიკეტი თითო ფოტოსთვის, { $paper } ზომის ქაღალდზე. დაბეჭდეთ ეს გვერდი (ზედა და ქვედა კოლონტიტულების გარეშე) და გაჭერით წყვეტილი ხაზების გასწვრივ. QR კოდი ფოტოს საიტზე გახსნის.
exhibit-scan = დაასკანერეთ, რომ ფოტო ონლაინ ნახოთ
search-title = ძიება
search-label = საიტზე ძიება
search-hint = ჩაწერეთ სიტყვა ან მისი დასაწყისი: „მიგრა“ იპოვის „მიგრანტს“ და „მიგრაციას“.
search-button = ძიება
search-filter-label = ჩვენება
search-filter-all = ყველაფერი
search-filter-story = ისტორიები
search-filter-page = გვერდები
search-results = { $count ->
    [one] { $count } შედეგი
   *[other] { $count } შედეგი
}
search-none = ვერაფერი მოიძებნა. სცადეთ სიტყვის დასაწყისი ან სხვა სიტყვა.
search-searching = ვეძებთ…
search-no-js = ძიებას JavaScript სჭირდება, რომელიც ამ ბრაუზერში გამორთულია. სანაცვლოდ შეგიძლიათ ნახოთ ისტორიები და თეგები:
search-unavailable = ძიება ვერ ჩაიტვირთა. შეამოწმეთ კავშირი და სცადეთ თავიდან.
search-empty = ამ ენაზე საძიებელი ჯერ არაფერია. აქედან შეგიძლიათ დაიწყოთ:
media-size = { $megabytes } მბ
media-download-video = ვიდეოს ჩამოტვირთვა
media-download-audio = ჩანაწერის ჩამოტვირთვა
media-transcript = ტექსტური ვერსია
media-facade-notice = ჩართვისას ვიდეო ჩაიტვირთება { $site }-დან, რომელსაც შეუძლია თქვენი ვიზიტის აღრიცხვა.
media-video = ვიდეო
media-audio = ჩანაწერი
menu-button = მენიუ
get-help = დახმარება
help-title = გჭირდებათ დახმარება?
help-text = გაიგეთ, რა უფლებები გაქვთ, როგორც მიგრანტს, და რომელ დაწესებულებებს შეუძლიათ თქვენი მხარდაჭერა, თქვენს ენაზე.
share-title = გააზიარეთ ეს ისტორია
share-email = ელფოსტა
share-more = გაზიარების სხვა გზები
more-stories = სხვა ისტორიები
partners-funders = დამფინანსებელი
partners-partners = პარტნიორები
exhibit-see-all = მთელი გამოფენის ნახვა
