// RSS 2.0, Atom 1.0 and sitemap writers.
