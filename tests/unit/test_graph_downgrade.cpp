// RevisionGraph::plan_downgrade: every target form, Alembic's walk rules, and the order of steps.

#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "migrate/graph.hpp"

#include "unit/graph_fixtures.hpp"

using namespace migrate;

namespace {

using testing::Ids;

using testing::rev;

// The revisions of downgrade steps.
Ids ids(const std::vector<Step>& steps) {
  Ids result;
  for (const Step& step : steps) {
    CHECK(step.direction == Direction::downgrade);
    result.push_back(step.revision);
  }
  return result;
}

// Undoes the steps one by one as the runner does, CHECKing that nothing applied still stands on
// each, and returns the rows after the last one.
Ids run(const RevisionGraph& graph, const Ids& rows, const std::vector<Step>& steps) {
  std::set<std::string> applied = graph.ancestors(rows);
  for (const Step& step : steps) {
    CHECK(applied.erase(step.revision) == 1);
    for (const auto& above : graph.descendants({step.revision}))
      CHECK_FALSE(applied.contains(above));
    CHECK(graph.ancestors(graph.rows_for(applied)) == applied);
  }
  return graph.rows_for(applied);
}

RevisionGraph linear() {  // a <- b <- c <- d
  return RevisionGraph({rev("a"), rev("b", {"a"}), rev("c", {"b"}), rev("d", {"c"})});
}

RevisionGraph branched() {  // r <- n1 (north) <- n2, and r <- s1 (south)
  return RevisionGraph({rev("r"), rev("n1", {"r"}, {}, {"north"}), rev("n2", {"n1"}),
                        rev("s1", {"r"}, {}, {"south"})});
}

RevisionGraph depends() {  // p1 <- p2 and q1 <- q2, where q2 depends_on p2
  return RevisionGraph({rev("p1"), rev("p2", {"p1"}), rev("q1"), rev("q2", {"q1"}, {"p2"})});
}

RevisionGraph two_bases() {  // a1 (alpha) <- a2 and b1 (beta) <- b2, where b2 depends_on a1
  return RevisionGraph({rev("a1", {}, {}, {"alpha"}), rev("a2", {"a1"}),
                        rev("b1", {}, {}, {"beta"}), rev("b2", {"b1"}, {"a1"})});
}

}  // namespace

TEST_CASE("downgrade base undoes everything applied, dependents first", "[graph]") {
  const auto steps = linear().plan_downgrade({"d"}, "base");
  CHECK(ids(steps) == Ids{"d", "c", "b", "a"});
  CHECK(run(linear(), {"d"}, steps).empty());
  CHECK(ids(depends().plan_downgrade({"q2"}, "base")) == Ids{"q2", "p2", "p1", "q1"});
}

TEST_CASE("downgrade base with nothing applied runs nothing", "[graph]") {
  CHECK(linear().plan_downgrade({}, "base").empty());
}

TEST_CASE("downgrade REV undoes what is above it and keeps it applied", "[graph]") {
  const auto steps = linear().plan_downgrade({"d"}, "b");
  CHECK(ids(steps) == Ids{"d", "c"});
  CHECK(run(linear(), {"d"}, steps) == Ids{"b"});
}

TEST_CASE("downgrade REV keeps the branches that are not above it", "[graph]") {
  const auto steps = depends().plan_downgrade({"p2", "q1"}, "p1");
  CHECK(ids(steps) == Ids{"p2"});
  CHECK(run(depends(), {"p2", "q1"}, steps) == Ids{"p1", "q1"});
  CHECK(run(branched(), {"n2", "s1"}, branched().plan_downgrade({"n2", "s1"}, "n1")) ==
        Ids{"n1", "s1"});
}

TEST_CASE("downgrade REV undoes what depends on what is above it", "[graph]") {
  const auto steps = depends().plan_downgrade({"q2"}, "p1");
  CHECK(ids(steps) == Ids{"q2", "p2"});
  CHECK(run(depends(), {"q2"}, steps) == Ids{"p1", "q1"});
}

TEST_CASE("downgrade to a version table row runs nothing", "[graph]") {
  CHECK(linear().plan_downgrade({"d"}, "d").empty());
  CHECK(linear().plan_downgrade({"d"}, "head").empty());
  CHECK(branched().plan_downgrade({"n2", "s1"}, "north@head").empty());
}

TEST_CASE("downgrade to a revision that is not applied is refused", "[graph]") {
  CHECK_THROWS_AS(branched().plan_downgrade({"n2"}, "s1"), RevisionError);
  CHECK_THROWS_WITH(branched().plan_downgrade({"n2"}, "s1"),
                    "cannot downgrade to 's1': no applied revision is above it, and it is not a "
                    "version table row (rows: n2)");
  CHECK_THROWS_WITH(linear().plan_downgrade({}, "a"),
                    "cannot downgrade to 'a': no applied revision is above it, and it is not a "
                    "version table row (rows: none)");
}

TEST_CASE("downgrade to a revision applied only as a dependency, with nothing above it, is refused",
          "[graph]") {
  CHECK_THROWS_WITH(depends().plan_downgrade({"q2"}, "p2"),
                    "cannot downgrade to 'p2': no applied revision is above it, and it is not a "
                    "version table row (rows: q2)");
}

TEST_CASE("downgrade -1 from a revision with a parent and a dependency leaves both as rows",
          "[graph]") {
  const auto steps = depends().plan_downgrade({"q2"}, "-1");
  CHECK(ids(steps) == Ids{"q2"});
  CHECK(run(depends(), {"q2"}, steps) == Ids{"p2", "q1"});
}

TEST_CASE("downgrade -N walks N steps down through parents from the row", "[graph]") {
  const auto steps = linear().plan_downgrade({"d"}, "-2");
  CHECK(ids(steps) == Ids{"d", "c"});
  CHECK(run(linear(), {"d"}, steps) == Ids{"b"});
}

TEST_CASE("downgrade -N reaches base one step below a base, and no further", "[graph]") {
  CHECK(ids(linear().plan_downgrade({"b"}, "-2")) == Ids{"b", "a"});
  CHECK_THROWS_WITH(linear().plan_downgrade({"b"}, "-3"),
                    "'-3' walks below base, 2 steps down from 'b'");
}

TEST_CASE("downgrade -1 from a merge is refused", "[graph]") {
  const RevisionGraph graph({rev("r"), rev("x", {"r"}), rev("y", {"r"}), rev("m", {"x", "y"})});
  CHECK_THROWS_WITH(graph.plan_downgrade({"m"}, "-1"),
                    "'-1' is ambiguous: 'm' is a merge of x, y. Name the target revision");
}

TEST_CASE("downgrade -N with nothing applied is refused", "[graph]") {
  CHECK_THROWS_WITH(linear().plan_downgrade({}, "-1"), "'-1' walks below base: nothing is applied");
}

TEST_CASE("downgrade -N with two rows is refused rather than picking one", "[graph]") {
  CHECK_THROWS_WITH(branched().plan_downgrade({"n2", "s1"}, "-1"),
                    "'-1' is ambiguous: the version table has 2 rows: n2, s1. Name the target "
                    "revision, or use 'LABEL@-1'");
}

TEST_CASE("downgrade -N to a branch point undoes only the row's own line", "[graph]") {
  // r <- n1 <- n2 and r <- s1, where n2 depends_on s1: s1 is applied, without a row.
  const RevisionGraph graph(
      {rev("r"), rev("n1", {"r"}), rev("n2", {"n1"}, {"s1"}), rev("s1", {"r"})});
  const auto walked = graph.plan_downgrade({"n2"}, "-2");
  CHECK(ids(walked) == Ids{"n2", "n1"});
  CHECK(run(graph, {"n2"}, walked) == Ids{"s1"});
  // Named, the same destination undoes every child's line.
  const auto named = graph.plan_downgrade({"n2"}, "r");
  CHECK(ids(named) == Ids{"n2", "s1", "n1"});
  CHECK(run(graph, {"n2"}, named) == Ids{"r"});
}

TEST_CASE("downgrade REV-N walks N steps down from the revision", "[graph]") {
  CHECK(ids(linear().plan_downgrade({"d"}, "d-2")) == Ids{"d", "c"});
  CHECK(ids(linear().plan_downgrade({"d"}, "head-3")) == Ids{"d", "c", "b"});
  CHECK(ids(linear().plan_downgrade({"d"}, "a-1")) == Ids{"d", "c", "b", "a"});
}

TEST_CASE("downgrade REV+N walks N steps up from the revision", "[graph]") {
  CHECK(ids(linear().plan_downgrade({"d"}, "a+1")) == Ids{"d", "c"});
}

TEST_CASE("downgrade +N is refused", "[graph]") {
  CHECK_THROWS_WITH(
      linear().plan_downgrade({"b"}, "+1"),
      "'+1' is not a downgrade target: downgrade moves down; use 'migrate upgrade +1' "
      "to move up");
}

TEST_CASE("downgrade heads is refused when there are several real heads", "[graph]") {
  CHECK_THROWS_WITH(branched().plan_downgrade({"n2", "s1"}, "heads"),
                    "'heads' names 2 revisions (n2, s1); downgrade needs one target");
}

TEST_CASE("downgrade LABEL@base with several bases undoes the label's tree and its dependents",
          "[graph]") {
  const auto alpha = two_bases().plan_downgrade({"a2", "b2"}, "alpha@base");
  CHECK(ids(alpha) == Ids{"b2", "a2", "a1"});
  CHECK(run(two_bases(), {"a2", "b2"}, alpha) == Ids{"b1"});
  const auto beta = two_bases().plan_downgrade({"a2", "b2"}, "beta@base");
  CHECK(ids(beta) == Ids{"b2", "b1"});
  CHECK(run(two_bases(), {"a2", "b2"}, beta) == Ids{"a2"});
}

TEST_CASE("downgrade LABEL@base with a single base undoes every branch", "[graph]") {
  const auto steps = branched().plan_downgrade({"n2", "s1"}, "south@base");
  CHECK(steps.size() == 4);
  CHECK(run(branched(), {"n2", "s1"}, steps).empty());
}

TEST_CASE("downgrade LABEL@-N walks from the row on the label's branch", "[graph]") {
  CHECK(ids(branched().plan_downgrade({"n2", "s1"}, "north@-1")) == Ids{"n2"});
  const auto south = branched().plan_downgrade({"n2", "s1"}, "south@-1");
  CHECK(ids(south) == Ids{"s1"});
  CHECK(run(branched(), {"n2", "s1"}, south) == Ids{"n2"});
}

TEST_CASE("downgrade LABEL@-N with nothing on the label's branch applied is refused", "[graph]") {
  CHECK_THROWS_WITH(two_bases().plan_downgrade({"a2"}, "beta@-1"),
                    "'beta@-1' walks below base: nothing on branch 'beta' is applied");
}

TEST_CASE("the same downgrade plans the same steps every time", "[graph]") {
  const RevisionGraph graph({rev("r"), rev("x", {"r"}), rev("y", {"r"}), rev("z", {"y"}, {"x"}),
                             rev("m", {"z", "x"}), rev("w", {"r"})});
  const auto first = graph.plan_downgrade({"m", "w"}, "base");
  CHECK(first == graph.plan_downgrade({"m", "w"}, "base"));
  // The upgrade order of the same revisions, backwards.
  CHECK(ids(first) == Ids{"w", "m", "z", "x", "y", "r"});
  CHECK(run(graph, {"m", "w"}, first).empty());
}
