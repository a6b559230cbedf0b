// RevisionGraph::resolve: a full id, a branch label, or a unique prefix of either.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "migrate/graph.hpp"

using namespace migrate;

namespace {

using Ids = std::vector<std::string>;

Revision rev(const std::string& id, Ids parents = {}, Ids labels = {}) {
  Revision revision;
  revision.id = id;
  revision.parents = std::move(parents);
  revision.branch_labels = std::move(labels);
  return revision;
}

// ab12 <- ab34 (north) <- cd56, and ab12 <- ab3f: ab3 is a prefix of two ids.
RevisionGraph graph() {
  return RevisionGraph({rev("ab12"), rev("ab34", {"ab12"}, {"north"}), rev("cd56", {"ab34"}),
                        rev("ab3f", {"ab12"}, {"south"})});
}

}  // namespace

TEST_CASE("a full revision id resolves to itself", "[graph]") {
  CHECK(graph().resolve("cd56") == "cd56");
}

TEST_CASE("a full id wins over its use as a prefix of a longer id", "[graph]") {
  const RevisionGraph g({rev("ab"), rev("abc", {"ab"})});
  CHECK(g.resolve("ab") == "ab");
  CHECK(g.resolve("abc") == "abc");
}

TEST_CASE("a branch label resolves to the revision carrying it, not its branch's head", "[graph]") {
  CHECK(graph().resolve("north") == "ab34");
  CHECK(graph().resolve("south") == "ab3f");
}

TEST_CASE("a unique prefix of an id resolves, however short", "[graph]") {
  CHECK(graph().resolve("cd") == "cd56");
  CHECK(graph().resolve("c") == "cd56");
  CHECK(graph().resolve("ab1") == "ab12");
}

TEST_CASE("a unique prefix of a branch label resolves to the labeled revision", "[graph]") {
  CHECK(graph().resolve("nor") == "ab34");
  CHECK(graph().resolve("s") == "ab3f");
}

TEST_CASE("an ambiguous prefix is refused, listing what it matches", "[graph]") {
  CHECK_THROWS_AS(graph().resolve("ab3"), RevisionError);
  CHECK_THROWS_WITH(graph().resolve("ab3"), "ambiguous revision 'ab3': matches ab34, ab3f");
  CHECK_THROWS_WITH(graph().resolve("ab"), "ambiguous revision 'ab': matches ab12, ab34, ab3f");
}

TEST_CASE("a prefix matching a label and an id of one revision is not ambiguous", "[graph]") {
  const RevisionGraph g({rev("ab12", {}, {"abyss"})});
  CHECK(g.resolve("ab") == "ab12");
}

TEST_CASE("an ambiguous prefix lists ten matches and counts the rest", "[graph]") {
  std::vector<Revision> revisions;
  for (int i = 0; i < 12; ++i) revisions.push_back(rev("a" + std::to_string(10 + i)));
  CHECK_THROWS_WITH(RevisionGraph(revisions).resolve("a"),
                    "ambiguous revision 'a': matches a10, a11, a12, a13, a14, a15, a16, a17, a18, "
                    "a19 and 2 more");
}

TEST_CASE("a target matching nothing is refused", "[graph]") {
  CHECK_THROWS_AS(graph().resolve("zz"), RevisionError);
  CHECK_THROWS_WITH(graph().resolve("zz"), "no revision matches 'zz'");
  CHECK_THROWS_WITH(graph().resolve(""), "no revision matches ''");
}
