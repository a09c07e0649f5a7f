#include "content/search.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "content/catalog.h"
#include "content/search_query.h"

namespace cultivate::content {
namespace {

TEST(SearchQueryTest, QuotesEveryWordAndJoinsWithAnd) {
  EXPECT_EQ(*ToFtsQuery("newcomers sponsor"), "\"newcomers\" AND \"sponsor\"");
  EXPECT_EQ(*ToFtsQuery("  "), "");
  EXPECT_EQ(*ToFtsQuery("spons* \"core group\""), "\"spons\"* AND \"core group\"");
  EXPECT_EQ(*ToFtsQuery("\"core gr\"*"), "\"core gr\"*");
  EXPECT_EQ(*ToFtsQuery("a OR b NOT c d"), "\"a\" OR \"b\" NOT \"c\" AND \"d\"");
  EXPECT_EQ(*ToFtsQuery("title:x (y) -z and NEAR"),
            "\"title:x\" AND \"(y)\" AND \"-z\" AND \"and\" AND \"NEAR\"");
}

TEST(SearchQueryTest, UnclosedQuoteIsInvalid) {
  auto q = ToFtsQuery("\"");
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().kind, Error::Kind::kInvalid);
  EXPECT_FALSE(ToFtsQuery("core \"group"));
  EXPECT_FALSE(ToFtsQuery(std::string(501, 'a')));
}

TEST(SearchQueryTest, SnippetToHtmlEscapesAndMarks) {
  EXPECT_EQ(SnippetToHtml("a <b> \x01sponsor\x02 & \"x\""),
            "a &lt;b&gt; <mark>sponsor</mark> &amp; &quot;x&quot;");
  EXPECT_EQ(SnippetToHtml("\x02open \x01tail"), "open <mark>tail</mark>");
}

std::unique_ptr<SearchIndex> Index(const std::vector<SearchDocument>& docs) {
  auto index = SearchIndex::Build(docs);
  EXPECT_TRUE(index) << index.error().message;
  return index ? std::move(*index) : nullptr;
}

const std::vector<SearchDocument> kDocs = {
    {"Page", "Running meetings", "/guide/meetings", "Keep a steady rhythm.",
     "A long body about many things. Ask the sponsor to open the first session, then let "
     "members lead. Newcomers need a buddy."},
    {"Practice", "Engaging sponsors", "/guide/practices/engaging-sponsors",
     "Win and keep support from the people who fund you.", "Meet them often."},
    {"Example", "Unsafe text", "/guide/examples/unsafe", "Shows <b>bold</b> tags & \x01markers\x02.",
     "The charter says <script>alert(1)</script> literally."},
    {"Glossary", "Core group", "/guide/glossary#core-group", "",
     "The few members who organise most of the activity of the community."},
};

TEST(SearchTest, TitleHitOutranksBodyHit) {
  auto index = Index(kDocs);
  auto hits = index->Search("sponsor", 10);
  ASSERT_TRUE(hits) << hits.error().message;
  ASSERT_EQ(hits->size(), 2u);
  EXPECT_EQ((*hits)[0].title, "Engaging sponsors");  // stemmed: sponsors ~ sponsor
  EXPECT_EQ((*hits)[0].kind, "Practice");
  EXPECT_EQ((*hits)[0].url, "/guide/practices/engaging-sponsors");
  EXPECT_EQ((*hits)[1].title, "Running meetings");
  EXPECT_NE((*hits)[1].snippet.find("<mark>sponsor</mark>"), std::string::npos);
  // A title-only hit shows the summary.
  EXPECT_EQ((*hits)[0].snippet, "Win and keep support from the people who fund you.");
}

TEST(SearchTest, StemmingPrefixAndPhrase) {
  auto index = Index(kDocs);
  auto stem = index->Search("newcomer", 10);
  ASSERT_TRUE(stem);
  ASSERT_EQ(stem->size(), 1u);
  EXPECT_EQ((*stem)[0].url, "/guide/meetings");
  auto prefix = index->Search("organi*", 10);
  ASSERT_TRUE(prefix);
  ASSERT_EQ(prefix->size(), 1u);
  EXPECT_EQ((*prefix)[0].kind, "Glossary");
  auto phrase = index->Search("\"the few members\"", 10);
  ASSERT_TRUE(phrase);
  EXPECT_EQ(phrase->size(), 1u);
  auto not_phrase = index->Search("\"few the members\"", 10);
  ASSERT_TRUE(not_phrase);
  EXPECT_TRUE(not_phrase->empty());
  auto both = index->Search("sponsor buddy", 10);
  ASSERT_TRUE(both);
  EXPECT_EQ(both->size(), 1u);
  auto either = index->Search("buddy OR organise", 10);
  ASSERT_TRUE(either);
  EXPECT_EQ(either->size(), 2u);
  auto limited = index->Search("the", 1);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->size(), 1u);
  EXPECT_TRUE(index->Search("", 10)->empty());
}

TEST(SearchTest, SnippetsAreEscaped) {
  auto index = Index(kDocs);
  auto hits = index->Search("charter", 10);
  ASSERT_TRUE(hits);
  ASSERT_EQ(hits->size(), 1u);
  const std::string& s = (*hits)[0].snippet;
  EXPECT_EQ(s.find("<script"), std::string::npos) << s;
  EXPECT_NE(s.find("&lt;script&gt;"), std::string::npos) << s;
  EXPECT_NE(s.find("<mark>charter</mark>"), std::string::npos) << s;
  auto bold = index->Search("bold", 10);
  ASSERT_TRUE(bold);
  ASSERT_EQ(bold->size(), 1u);
  EXPECT_EQ((*bold)[0].snippet,
            "Shows &lt;b&gt;<mark>bold</mark>&lt;/b&gt; tags &amp;  markers .");
}

TEST(SearchTest, UnparseableQueriesAreInvalidNotThrown) {
  auto index = Index(kDocs);
  for (const char* q : {"\"", "AND", "sponsor AND", "NOT sponsor", "OR OR", "a \"b"}) {
    auto hits = index->Search(q, 10);
    ASSERT_FALSE(hits) << q;
    EXPECT_EQ(hits.error().kind, Error::Kind::kInvalid) << q;
    EXPECT_FALSE(hits.error().message.empty());
  }
  // Characters that are FTS5 syntax are just text.
  for (const char* q : {"(", ")", "*", "title:sponsor", "^x", "-", "NEAR(a b)", "'; DROP"}) {
    EXPECT_TRUE(index->Search(q, 10)) << q;
  }
}

TEST(SearchTest, ConcurrentSearches) {
  auto index = Index(kDocs);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto hits = index->Search(i % 2 ? "sponsor" : "member*", 5);
        if (!hits || hits->empty()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
}

TEST(SearchTest, IndexesTheCatalog) {
  auto catalog =
      LoadCatalog(std::filesystem::path(CULTIVATE_SOURCE_DIR) / "src/content/testdata/basic");
  ASSERT_TRUE(catalog);
  auto index = SearchIndex::Build(*catalog);
  ASSERT_TRUE(index);
  auto hits = (*index)->Search("core group", 10);
  ASSERT_TRUE(hits);
  ASSERT_FALSE(hits->empty());
  EXPECT_EQ((*hits)[0].kind, "Glossary");
  EXPECT_EQ((*hits)[0].url, "/guide/glossary#core-group");
  std::set<std::string> kinds;
  for (const auto& d : SearchDocuments(*catalog)) kinds.insert(d.kind);
  EXPECT_EQ(kinds, (std::set<std::string>{"Example", "Glossary", "Page", "Phase", "Practice"}));
  auto phase = (*index)->Search("probably", 10);
  ASSERT_TRUE(phase);
  EXPECT_EQ(phase->size(), 5u);  // every phase's `guess`
}

}  // namespace
}  // namespace cultivate::content
