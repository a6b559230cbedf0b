// RevisionGraph::stamp: rows' = (rows − (anc*(REV) ∪ desc*(REV))) ∪ {REV}.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "migrate/graph.hpp"

#include "unit/graph_fixtures.hpp"

using namespace migrate;

namespace {

using testing::Ids;

using testing::rev;

RevisionGraph branched() {  // r <- n1 (north) <- n2, and r <- s1 (south)
  return RevisionGraph({rev("r"), rev("n1", {"r"}, {}, {"north"}), rev("n2", {"n1"}),
                        rev("s1", {"r"}, {}, {"south"})});
}

RevisionGraph depends() {  // p1 <- p2 and q1 <- q2, where q2 depends_on p2
  return RevisionGraph({rev("p1"), rev("p2", {"p1"}), rev("q1"), rev("q2", {"q1"}, {"p2"})});
}

}  // namespace

TEST_CASE("stamp REV replaces the row below it on its line", "[graph]") {
  CHECK(branched().stamp({"n1", "s1"}, "n2") == Ids{"n2", "s1"});
}

TEST_CASE("stamp REV replaces the row above it on its line", "[graph]") {
  CHECK(branched().stamp({"n2", "s1"}, "r") == Ids{"r"});
  CHECK(branched().stamp({"n2", "s1"}, "n1") == Ids{"n1", "s1"});
}

TEST_CASE("stamp REV on another line adds a row", "[graph]") {
  CHECK(branched().stamp({"n2"}, "s1") == Ids{"n2", "s1"});
  CHECK(branched().stamp({}, "north") == Ids{"n1"});
}

TEST_CASE("stamp REV that is already a row changes nothing", "[graph]") {
  CHECK(branched().stamp({"n2", "s1"}, "s1") == Ids{"n2", "s1"});
}

TEST_CASE("stamp counts depends_on edges as part of a line", "[graph]") {
  // q2 stands on p2 through depends_on, so it is above p1.
  CHECK(depends().stamp({"q2"}, "p1") == Ids{"p1"});
  CHECK(depends().stamp({"p2", "q1"}, "q2") == Ids{"q2"});
}

TEST_CASE("stamp base clears the rows, even unknown ones", "[graph]") {
  CHECK(branched().stamp({"n2", "s1"}, "base").empty());
  CHECK(branched().stamp({"zz"}, "base").empty());
}

TEST_CASE("stamp heads sets every real head", "[graph]") {
  CHECK(branched().stamp({"n1"}, "heads") == Ids{"n2", "s1"});
  CHECK(depends().stamp({}, "heads") == Ids{"q2"});
}

TEST_CASE("stamp head sets the single head and refuses several", "[graph]") {
  const RevisionGraph linear({rev("a"), rev("b", {"a"})});
  CHECK(linear.stamp({"a"}, "head") == Ids{"b"});
  CHECK_THROWS_WITH(branched().stamp({}, "head"),
                    Catch::StartsWith("'head' is ambiguous: there are 2 heads: n2, s1."));
  CHECK(branched().stamp({"n1", "s1"}, "north@head") == Ids{"n2", "s1"});
}

TEST_CASE("stamp refuses relative targets and LABEL@base", "[graph]") {
  CHECK_THROWS_WITH(branched().stamp({"n1"}, "+1"),
                    "'+1' is not a stamp target (expected a revision, head, heads, LABEL@head or "
                    "base)");
  CHECK_THROWS_WITH(branched().stamp({"n1"}, "north@base"),
                    Catch::StartsWith("'north@base' is not a stamp target"));
}

TEST_CASE("stamp refuses a row that names no revision unless it clears them all", "[graph]") {
  CHECK_THROWS_WITH(branched().stamp({"zz"}, "n1"),
                    "the version table lists 'zz', which is not a known revision");
}
