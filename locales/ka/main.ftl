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
