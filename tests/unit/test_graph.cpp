// RevisionGraph: construction, validation and the queries on its shape.

#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "migrate/graph.hpp"

#include "unit/graph_fixtures.hpp"

using namespace migrate;

namespace {

using testing::Ids;
using IdSet = std::set<std::string>;

using testing::rev;

Revision in_file(Revision revision, const std::string& file) {
  revision.file = file;
  return revision;
}

// p1 <- p2 and q1 <- q2, where q2 also depends_on p2: p2 is an effective head.
RevisionGraph depends() {
  return RevisionGraph({rev("p1"), rev("p2", {"p1"}), rev("q1"), rev("q2", {"q1"}, {"p2"})});
}

// r <- n1 (north) <- n2, and r <- s1 (south).
RevisionGraph branched() {
  return RevisionGraph({rev("r"), rev("n1", {"r"}, {}, {"north"}), rev("n2", {"n1"}),
                        rev("s1", {"r"}, {}, {"south"})});
}

}  // namespace

TEST_CASE("a graph indexes its revisions by id", "[graph]") {
  const RevisionGraph graph({rev("a"), rev("b", {"a"})});
  CHECK(graph.revisions().size() == 2);
  CHECK(graph.contains("b"));
  CHECK_FALSE(graph.contains("c"));
  CHECK(graph.get("b").parents == Ids{"a"});
  CHECK_THROWS_AS(graph.get("c"), RevisionError);
  CHECK_THROWS_WITH(graph.get("c"), "unknown revision 'c'");
}

TEST_CASE("an empty graph has no heads and no bases", "[graph]") {
  const RevisionGraph graph({});
  CHECK(graph.heads().empty());
  CHECK(graph.bases().empty());
  CHECK(graph.rows_for({}).empty());
  CHECK(graph.current({}).empty());
}

TEST_CASE("a missing parent names the file, the parent and the revision", "[graph]") {
  CHECK_THROWS_WITH(RevisionGraph({rev("a"), in_file(rev("ab", {"zz"}), "versions/ab_x.yaml")}),
                    "versions/ab_x.yaml: parent 'zz' of revision 'ab' names no revision");
}

TEST_CASE("a missing depends_on names the file, the target and the revision", "[graph]") {
  CHECK_THROWS_WITH(
      RevisionGraph({rev("a"), in_file(rev("ab", {"a"}, {"zz"}), "v/ab.yaml")}),
      "v/ab.yaml: depends_on 'zz' of revision 'ab' names no revision or branch label");
}

TEST_CASE("a revision built without a file is named without one", "[graph]") {
  CHECK_THROWS_WITH(RevisionGraph({rev("ab", {"zz"})}),
                    "parent 'zz' of revision 'ab' names no revision");
}

TEST_CASE("a parent listed twice is refused", "[graph]") {
  CHECK_THROWS_WITH(RevisionGraph({rev("a"), in_file(rev("m", {"a", "a"}), "v/m.yaml")}),
                    "v/m.yaml: parent 'a' of revision 'm' is listed twice");
}

TEST_CASE("a revision id used twice names both files", "[graph]") {
  CHECK_THROWS_WITH(
      RevisionGraph({in_file(rev("a"), "v/a_one.yaml"), in_file(rev("a"), "v/a_two.yaml")}),
      "v/a_two.yaml: revision id 'a' is also used by v/a_one.yaml");
}

TEST_CASE("a cycle through parents is listed in upgrade order from its smallest id", "[graph]") {
  CHECK_THROWS_WITH(RevisionGraph({rev("a", {"b"}), rev("b", {"a"})}),
                    "revision graph has a cycle: a -> b -> a");
  // r is a clean base; the cycle is a -> b -> c -> a (b has parent a, c has b, a has c).
  CHECK_THROWS_WITH(RevisionGraph({rev("r"), rev("c", {"b"}), rev("a", {"r", "c"}), rev("b", {"a"}),
                                   rev("d", {"c"})}),
                    "revision graph has a cycle: a -> b -> c -> a");
}

TEST_CASE("a revision that is its own parent is a cycle", "[graph]") {
  CHECK_THROWS_WITH(RevisionGraph({rev("a", {"a"})}), "revision graph has a cycle: a -> a");
}

TEST_CASE("a cycle through depends_on is refused as well", "[graph]") {
  CHECK_THROWS_WITH(RevisionGraph({rev("p1", {}, {"q2"}), rev("q1"), rev("q2", {"q1"}, {"p1"})}),
                    "revision graph has a cycle: p1 -> q2 -> p1");
  CHECK_THROWS_WITH(RevisionGraph({rev("a", {}, {"b"}), rev("b", {"a"})}),
                    "revision graph has a cycle: a -> b -> a");
}

TEST_CASE("graph errors point at the line and column of the entry in the file", "[graph]") {
  Revision missing = in_file(rev("ab", {"zz"}), "v/ab.yaml");
  missing.places.parents = {3, 10};
  CHECK_THROWS_WITH(RevisionGraph({missing}),
                    "v/ab.yaml:3:10: parent 'zz' of revision 'ab' names no revision");
  // The cycle a -> b -> a closes where b names a; b lists it under depends_on.
  Revision a = in_file(rev("a", {"b"}), "v/a.yaml");
  a.places.parents = {2, 10};
  Revision b = in_file(rev("b", {}, {"a"}), "v/b.yaml");
  b.places.parents = {2, 10};
  b.places.depends_on = {4, 13};
  CHECK_THROWS_WITH(RevisionGraph({a, b}),
                    "v/b.yaml:4:13: revision graph has a cycle: a -> b -> a");
}

TEST_CASE("depends_on may name a revision by its branch label", "[graph]") {
  // q1 depends on the revision labeled north (n1), as Alembic resolves it.
  const RevisionGraph graph(
      {rev("r"), rev("n1", {"r"}, {}, {"north"}), rev("n2", {"n1"}), rev("q1", {}, {"north"})});
  CHECK(graph.dependencies("q1") == Ids{"n1"});
  CHECK(graph.get("q1").depends_on == Ids{"north"});  // as written
  CHECK(graph.is_branch_label("north"));
  CHECK_FALSE(graph.is_branch_label("n1"));
  CHECK(graph.ancestors({"q1"}) == IdSet{"q1", "n1", "r"});
  CHECK(graph.plan_upgrade({}, "q1") == std::vector<Step>{{"r", Direction::upgrade},
                                                          {"n1", Direction::upgrade},
                                                          {"q1", Direction::upgrade}});
  // A label and the id it stands for name one revision twice.
  CHECK_THROWS_WITH(RevisionGraph({rev("r", {}, {}, {"north"}), rev("q", {}, {"north", "r"})}),
                    "depends_on 'r' of revision 'q' is listed twice");
}

TEST_CASE("branch labels spread up through children and down to the nearest branch point",
          "[graph]") {
  // r <- a <- b (north) <- c <- m, r <- s (south), and m also merges s2 <- s.
  const RevisionGraph graph({rev("r"), rev("a", {"r"}), rev("b", {"a"}, {}, {"north"}),
                             rev("c", {"b"}), rev("s", {"r"}, {}, {"south"}), rev("s2", {"s"}),
                             rev("m", {"c", "s2"})});
  CHECK(graph.branch_labels("b") == Ids{"north"});
  CHECK(graph.branch_labels("c") == Ids{"north"});
  // Above north stands the merge m, so north does not reach below b (as in Alembic).
  CHECK(graph.branch_labels("a").empty());
  CHECK(graph.branch_labels("r").empty());
  CHECK(graph.branch_labels("s2") == Ids{"south"});
  CHECK(graph.branch_labels("m") == (Ids{"north", "south"}));  // a merge carries both
  CHECK_THROWS_AS(graph.branch_labels("zz"), RevisionError);
  // Targets use the revision that carries the label, not the spread.
  CHECK(graph.resolve("north") == "b");
}

TEST_CASE("a branch label on a single line reaches down to the nearest branch or merge point",
          "[graph]") {
  // x, y <- m (merge) <- a <- b (L) <- c: L reaches a, not the merge m.
  const RevisionGraph merged({rev("x"), rev("y"), rev("m", {"x", "y"}), rev("a", {"m"}),
                              rev("b", {"a"}, {}, {"L"}), rev("c", {"b"})});
  CHECK(merged.branch_labels("a") == Ids{"L"});
  CHECK(merged.branch_labels("c") == Ids{"L"});
  CHECK(merged.branch_labels("m").empty());
  // r <- a <- b (L) <- c: the whole line.
  const RevisionGraph line(
      {rev("r"), rev("a", {"r"}), rev("b", {"a"}, {}, {"L"}), rev("c", {"b"})});
  CHECK(line.branch_labels("r") == Ids{"L"});
  // b (L) branches into c1 and c2: L stays on b and above.
  const RevisionGraph forked(
      {rev("r"), rev("a", {"r"}), rev("b", {"a"}, {}, {"L"}), rev("c1", {"b"}), rev("c2", {"b"})});
  CHECK(forked.branch_labels("a").empty());
  CHECK(forked.branch_labels("c2") == Ids{"L"});
}

TEST_CASE("a branch label used twice names both revisions", "[graph]") {
  CHECK_THROWS_WITH(
      RevisionGraph(
          {rev("a", {}, {}, {"north"}), in_file(rev("b", {"a"}, {}, {"north"}), "v/b.yaml")}),
      "v/b.yaml: branch label 'north' of revision 'b' is already used by revision 'a'");
}

TEST_CASE("a branch label that reads as an id, a keyword or a relative target is refused",
          "[graph]") {
  CHECK_THROWS_WITH(RevisionGraph({rev("a"), rev("b", {"a"}, {}, {"a"})}),
                    "branch label 'a' of revision 'b' is also a revision id");
  CHECK_THROWS_WITH(RevisionGraph({rev("a", {}, {}, {"heads"})}),
                    "branch label 'heads' of revision 'a' is a reserved word");
  CHECK_THROWS_WITH(RevisionGraph({rev("a", {}, {}, {"x-1"})}),
                    "branch label 'x-1' of revision 'a' may not contain '@', '+', '-' or ':'");
  CHECK_THROWS_WITH(RevisionGraph({rev("a", {}, {}, {"x", "x"})}),
                    "branch label 'x' of revision 'a' is listed twice");
}

TEST_CASE("heads include a revision whose only child is a depends_on edge", "[graph]") {
  const RevisionGraph graph = depends();
  CHECK(graph.heads() == Ids{"p2", "q2"});
  CHECK(graph.real_heads() == Ids{"q2"});
}

TEST_CASE("a base is a revision without parents, even one with depends_on", "[graph]") {
  const RevisionGraph graph({rev("p1"), rev("q1", {}, {"p1"}), rev("q2", {"q1"})});
  CHECK(graph.bases() == Ids{"p1", "q1"});
}

TEST_CASE("branch points count children through parents, not dependents", "[graph]") {
  CHECK(branched().branch_points() == Ids{"r"});
  const RevisionGraph graph({rev("a"), rev("b", {"a"}), rev("c", {}, {"a"})});
  CHECK(graph.branch_points().empty());
  CHECK(graph.children("a") == Ids{"b"});
  CHECK(branched().children("r") == Ids{"n1", "s1"});
  CHECK_THROWS_WITH(graph.children("zz"), "unknown revision 'zz'");
}

TEST_CASE("ancestors and descendants go through parents and depends_on", "[graph]") {
  const RevisionGraph graph = depends();
  CHECK(graph.ancestors({"q2"}) == IdSet{"p1", "p2", "q1", "q2"});
  CHECK(graph.ancestors({"p2", "q1"}) == IdSet{"p1", "p2", "q1"});
  CHECK(graph.descendants({"p1"}) == IdSet{"p1", "p2", "q2"});
  CHECK(graph.descendants({"q1"}) == IdSet{"q1", "q2"});
  CHECK_THROWS_WITH(graph.ancestors({"zz"}), "unknown revision 'zz'");
}

TEST_CASE("the rows are the applied revisions below no other applied revision", "[graph]") {
  const RevisionGraph graph = depends();
  // A depends_on target has no row while its dependent is applied.
  CHECK(graph.rows_for({"p1", "p2", "q1", "q2"}) == Ids{"q2"});
  // It gets one back when the dependent is undone.
  CHECK(graph.rows_for({"p1", "p2", "q1"}) == Ids{"p2", "q1"});
  CHECK(graph.rows_for({"p1"}) == Ids{"p1"});
  CHECK(graph.rows_for({}).empty());
  CHECK(branched().rows_for({"r", "n1", "s1"}) == Ids{"n1", "s1"});
}

TEST_CASE("current prints a revision applied only as a dependency", "[graph]") {
  const RevisionGraph graph = depends();
  CHECK(graph.current({"q2"}) == Ids{"p2", "q2"});
  CHECK(graph.current({"p2", "q1"}) == Ids{"p2", "q1"});
}

TEST_CASE("current prints nothing when nothing is applied", "[graph]") {
  CHECK(depends().current({}).empty());
}

TEST_CASE("current prints a merge, not the revisions it merges", "[graph]") {
  const RevisionGraph graph({rev("r"), rev("x", {"r"}), rev("y", {"r"}), rev("m", {"x", "y"})});
  CHECK(graph.current({"m"}) == Ids{"m"});
  CHECK(graph.current({"x", "y"}) == Ids{"x", "y"});
}

TEST_CASE("current refuses a row that names no revision", "[graph]") {
  CHECK_THROWS_WITH(depends().current({"zz"}),
                    "the version table lists 'zz', which is not a known revision");
}
