// RevisionGraph::plan_upgrade: every target form, Alembic's walk rules, and the order of steps.

#include <map>
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

// The revisions of upgrade steps.
Ids ids(const std::vector<Step>& steps) {
  Ids result;
  for (const Step& step : steps) {
    CHECK(step.direction == Direction::upgrade);
    result.push_back(step.revision);
  }
  return result;
}

// Runs the steps one by one as the runner does, CHECKing that each finds its parents and
// dependencies applied, and returns the rows after the last one.
Ids run(const RevisionGraph& graph, const Ids& rows, const std::vector<Step>& steps) {
  std::set<std::string> applied = graph.ancestors(rows);
  for (const Step& step : steps) {
    const Revision& revision = graph.get(step.revision);
    CHECK_FALSE(applied.contains(revision.id));
    for (const auto& id : revision.parents) CHECK(applied.contains(id));
    for (const auto& id : revision.depends_on) CHECK(applied.contains(id));
    applied.insert(revision.id);
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

RevisionGraph merged(const Ids& merge_parents = {"x", "y"}) {  // r <- x, r <- y, x + y <- m
  return RevisionGraph({rev("r"), rev("x", {"r"}), rev("y", {"r"}), rev("m", merge_parents)});
}

RevisionGraph depends() {  // p1 <- p2 and q1 <- q2, where q2 depends_on p2
  return RevisionGraph({rev("p1"), rev("p2", {"p1"}), rev("q1"), rev("q2", {"q1"}, {"p2"})});
}

const char* const several_heads =
    "'head' is ambiguous: there are 2 heads: n2, s1. Use 'heads' for all of them, 'LABEL@head' "
    "for one branch, or join them with 'migrate merge'";

}  // namespace

TEST_CASE("upgrade head from nothing runs every revision, parents first", "[graph]") {
  const auto steps = linear().plan_upgrade({}, "head");
  CHECK(ids(steps) == Ids{"a", "b", "c", "d"});
  CHECK(run(linear(), {}, steps) == Ids{"d"});
}

TEST_CASE("upgrade runs only what is not applied yet", "[graph]") {
  CHECK(ids(linear().plan_upgrade({"b"}, "head")) == Ids{"c", "d"});
}

TEST_CASE("upgrading to an applied revision runs nothing", "[graph]") {
  CHECK(linear().plan_upgrade({"d"}, "head").empty());
  CHECK(linear().plan_upgrade({"d"}, "b").empty());
  CHECK(linear().plan_upgrade({"d"}, "heads").empty());
}

TEST_CASE("upgrade base runs nothing", "[graph]") {
  CHECK(linear().plan_upgrade({}, "base").empty());
}

TEST_CASE("upgrade head with two heads is refused, naming them and the ways out", "[graph]") {
  CHECK_THROWS_AS(branched().plan_upgrade({}, "head"), RevisionError);
  CHECK_THROWS_WITH(branched().plan_upgrade({}, "head"), several_heads);
}

TEST_CASE("upgrade head is refused when the only extra head is an effective head", "[graph]") {
  CHECK_THROWS_WITH(
      depends().plan_upgrade({}, "head"),
      "'head' is ambiguous: there are 2 heads: p2 (effective head), q2. Use 'heads' "
      "for all of them, 'LABEL@head' for one branch, or join them with 'migrate merge'");
}

TEST_CASE("upgrade heads runs up to every real head", "[graph]") {
  const auto steps = branched().plan_upgrade({}, "heads");
  CHECK(ids(steps) == Ids{"r", "n1", "n2", "s1"});
  CHECK(run(branched(), {}, steps) == Ids{"n2", "s1"});
  // p2 is only an effective head: reaching q2 applies it anyway.
  CHECK(ids(depends().plan_upgrade({}, "heads")) == Ids{"q1", "p1", "p2", "q2"});
}

TEST_CASE("upgrading to a revision on another branch makes it one more head", "[graph]") {
  const auto steps = branched().plan_upgrade({"n2"}, "s1");
  CHECK(ids(steps) == Ids{"s1"});
  CHECK(run(branched(), {"n2"}, steps) == Ids{"n2", "s1"});
}

TEST_CASE("upgrading to a branch label goes to the labeled revision", "[graph]") {
  CHECK(ids(branched().plan_upgrade({}, "north")) == Ids{"r", "n1"});
}

TEST_CASE("upgrading to a prefix goes to the revision it names", "[graph]") {
  CHECK(ids(branched().plan_upgrade({}, "n2")) == Ids{"r", "n1", "n2"});
  CHECK(ids(branched().plan_upgrade({}, "s")) == Ids{"r", "s1"});
  CHECK_THROWS_WITH(branched().plan_upgrade({}, "n"),
                    "ambiguous revision 'n': matches n1, n2, north");
}

TEST_CASE("LABEL@head upgrades to the head above the labeled revision", "[graph]") {
  CHECK(ids(branched().plan_upgrade({}, "north@head")) == Ids{"r", "n1", "n2"});
  CHECK(ids(branched().plan_upgrade({"n2"}, "south@head")) == Ids{"s1"});
}

TEST_CASE("LABEL@head with two heads on the label's line is refused", "[graph]") {
  const RevisionGraph graph({rev("r", {}, {}, {"trunk"}), rev("n1", {"r"}), rev("s1", {"r"})});
  CHECK_THROWS_WITH(graph.plan_upgrade({}, "trunk@head"),
                    "'trunk@head' is ambiguous: branch 'trunk' has 2 heads: n1, s1. Name one");
}

TEST_CASE("LABEL@heads and LABEL@REV stay on the label's line", "[graph]") {
  const RevisionGraph graph({rev("r", {}, {}, {"trunk"}), rev("n1", {"r"}), rev("s1", {"r"})});
  CHECK(ids(graph.plan_upgrade({}, "trunk@heads")) == Ids{"r", "n1", "s1"});
  CHECK(ids(branched().plan_upgrade({}, "north@n2")) == Ids{"r", "n1", "n2"});
  CHECK_THROWS_WITH(branched().plan_upgrade({}, "north@s1"),
                    "'north@s1': revision 's1' is not on branch 'north'");
}

TEST_CASE("a relative target needs one revision to start from", "[graph]") {
  CHECK_THROWS_WITH(branched().plan_upgrade({}, "heads+1"),
                    "'heads+1' needs one revision to start from, but 'heads' names n2, s1");
  CHECK_THROWS_WITH(branched().plan_upgrade({}, "head+1"), several_heads);
}

TEST_CASE("upgrade +N from nothing starts below the base", "[graph]") {
  CHECK(ids(linear().plan_upgrade({}, "+2")) == Ids{"a", "b"});
}

TEST_CASE("upgrade +N walks up from the single row", "[graph]") {
  CHECK(ids(linear().plan_upgrade({"b"}, "+1")) == Ids{"c"});
}

TEST_CASE("upgrade +N with two rows is refused", "[graph]") {
  CHECK_THROWS_WITH(branched().plan_upgrade({"n1", "s1"}, "+1"),
                    "'+1' is ambiguous: the version table has 2 rows: n1, s1. Name the target "
                    "revision, or use 'LABEL@+1'");
}

TEST_CASE("upgrade +N through a branch point is refused", "[graph]") {
  CHECK_THROWS_WITH(branched().plan_upgrade({}, "+2"),
                    "'+2' is ambiguous: 'r' has 2 children: n1, s1. Name the target revision");
}

TEST_CASE("upgrade +N from nothing with several bases is refused", "[graph]") {
  CHECK_THROWS_WITH(depends().plan_upgrade({}, "+1"),
                    "'+1' is ambiguous: there are 2 bases: p1, q1. Name the target revision");
}

TEST_CASE("upgrade +N past a head is refused", "[graph]") {
  CHECK_THROWS_WITH(linear().plan_upgrade({"b"}, "+3"),
                    "'+3' walks past head 'd', 2 steps up from 'b'");
  CHECK_THROWS_WITH(linear().plan_upgrade({"d"}, "+1"), "'+1' walks past head 'd'");
  CHECK_THROWS_WITH(RevisionGraph({}).plan_upgrade({}, "+1"), "'+1' finds no revision to walk to");
}

TEST_CASE("upgrade +N can run more than N revisions", "[graph]") {
  // m's other parent, y, comes with it.
  CHECK(ids(merged().plan_upgrade({"x"}, "+1")) == Ids{"y", "m"});
  // q2's dependency comes with it.
  CHECK(ids(depends().plan_upgrade({"q1"}, "+1")) == Ids{"p1", "p2", "q2"});
}

TEST_CASE("upgrade -N is refused", "[graph]") {
  CHECK_THROWS_WITH(
      linear().plan_upgrade({"c"}, "-1"),
      "'-1' is not an upgrade target: upgrade moves up; use 'migrate downgrade -1' to "
      "move down");
  CHECK_THROWS_WITH(branched().plan_upgrade({"n2"}, "north@-1"),
                    Catch::StartsWith("'north@-1' is not an upgrade target"));
}

TEST_CASE("upgrade REV+N walks N steps up from the revision", "[graph]") {
  CHECK(ids(linear().plan_upgrade({}, "a+2")) == Ids{"a", "b", "c"});
  CHECK(ids(linear().plan_upgrade({}, "base+1")) == Ids{"a"});
  CHECK(ids(branched().plan_upgrade({}, "n1+1")) == Ids{"r", "n1", "n2"});
  CHECK_THROWS_WITH(branched().plan_upgrade({}, "r+1"),
                    "'r+1' is ambiguous: 'r' has 2 children: n1, s1. Name the target revision");
}

TEST_CASE("upgrade REV-N walks N steps down from the revision", "[graph]") {
  CHECK(ids(linear().plan_upgrade({}, "d-2")) == Ids{"a", "b"});
  CHECK(ids(linear().plan_upgrade({}, "head-1")) == Ids{"a", "b", "c"});
  CHECK(linear().plan_upgrade({}, "a-1").empty());  // base
}

TEST_CASE("upgrade LABEL@+N takes the label's branch at a branch point", "[graph]") {
  CHECK(ids(branched().plan_upgrade({"r"}, "south@+1")) == Ids{"s1"});
  CHECK(ids(branched().plan_upgrade({}, "north@+2")) == Ids{"r", "n1"});
}

TEST_CASE("upgrade LABEL@+N walks from the row on the label's branch", "[graph]") {
  CHECK(ids(branched().plan_upgrade({"n1", "s1"}, "north@+1")) == Ids{"n2"});
  CHECK_THROWS_WITH(branched().plan_upgrade({"n1", "s1"}, "south@+1"),
                    "'south@+1' walks past head 's1'");
}

TEST_CASE("a malformed target is refused", "[graph]") {
  const std::string expected =
      "malformed target '+x' (expected a revision, head, heads, base, LABEL@head, LABEL@base, +N, "
      "-N, REV+N, REV-N, LABEL@+N or LABEL@-N, with N at least 1)";
  CHECK_THROWS_WITH(linear().plan_upgrade({}, "+x"), expected);
  CHECK_THROWS_WITH(linear().plan_upgrade({}, "@head"),
                    Catch::StartsWith("malformed target '@head'"));
  CHECK_THROWS_WITH(linear().plan_upgrade({}, "a@"), Catch::StartsWith("malformed target 'a@'"));
  CHECK_THROWS_WITH(linear().plan_upgrade({}, "+0"), Catch::StartsWith("malformed target '+0'"));
  CHECK_THROWS_WITH(linear().plan_upgrade({}, ""), Catch::StartsWith("malformed target ''"));
}

TEST_CASE("a version table row that names no revision is refused", "[graph]") {
  CHECK_THROWS_WITH(linear().plan_upgrade({"zz"}, "head"),
                    "the version table lists 'zz', which is not a known revision");
}

TEST_CASE("a merge runs after its parents, in the order its file lists them", "[graph]") {
  CHECK(ids(merged({"x", "y"}).plan_upgrade({}, "m")) == Ids{"r", "x", "y", "m"});
  CHECK(ids(merged({"y", "x"}).plan_upgrade({}, "m")) == Ids{"r", "y", "x", "m"});
}

TEST_CASE("a dependency runs before its dependent, after the dependent's parents", "[graph]") {
  const auto steps = depends().plan_upgrade({}, "q2");
  CHECK(ids(steps) == Ids{"q1", "p1", "p2", "q2"});
  CHECK(run(depends(), {}, steps) == Ids{"q2"});
}

TEST_CASE("the same upgrade plans the same steps every time", "[graph]") {
  const RevisionGraph graph({rev("r"), rev("x", {"r"}), rev("y", {"r"}), rev("z", {"y"}, {"x"}),
                             rev("m", {"z", "x"}), rev("w", {"r"})});
  const auto first = graph.plan_upgrade({}, "heads");
  CHECK(first == graph.plan_upgrade({}, "heads"));
  // Goals m, w in id order; m's parents z then x; z's parent y, then its dependency x.
  CHECK(ids(first) == Ids{"r", "y", "x", "z", "m", "w"});
}

TEST_CASE("a graph of a thousand revisions plans upgrades and downgrades", "[graph]") {
  std::vector<Revision> revisions;
  const auto id = [](int i) { return "r" + std::to_string(1000 + i); };
  for (int i = 0; i < 1000; ++i) {
    Revision revision = rev(id(i));
    if (i > 0) revision.parents.push_back(id(i - 1 - (i * 37) % std::min(i, 8)));
    if (i > 30 && i % 25 == 0) revision.parents.push_back(id(i - 20));
    if (i > 50 && i % 13 == 0) revision.depends_on.push_back(id(i - 40));
    revisions.push_back(revision);
  }
  const RevisionGraph graph(revisions);
  const auto up = graph.plan_upgrade({}, "heads");
  REQUIRE(up.size() == 1000);
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < up.size(); ++i) position[up[i].revision] = i;
  REQUIRE(position.size() == 1000);
  for (const Revision& revision : revisions) {
    for (const auto& below : revision.parents) CHECK(position[below] < position[revision.id]);
    for (const auto& below : revision.depends_on) CHECK(position[below] < position[revision.id]);
  }
  CHECK(up == graph.plan_upgrade({}, "heads"));
  const auto down = graph.plan_downgrade(graph.real_heads(), "base");
  CHECK(down.size() == 1000);
  CHECK(down.front().revision == up.back().revision);
}
