#include <catch2/catch.hpp>

#include "migrate/revision.hpp"

using namespace migrate;

namespace {

constexpr const char* compact = R"yaml(revision: abc
parents: [base]
message: add tags
created: 2026-11-24T12:00:00Z
upgrade:
  - create_table: {name: tags, columns: {id: {type: int, primary_key: true}, label: {type: varchar(50)}}}
  - add_column: {table: posts, column: summary, type: text, nullable: false, default: "''"}
  - drop_column: {table: users, column: bio, type: text, flag: "data loss: drops column users.bio"}
  - sql: "UPDATE posts SET summary = title"
downgrade:
  - drop_column: {table: posts, column: summary, type: text, nullable: false, default: "''"}
  - drop_table: {name: tags}
)yaml";

// The same operations, laid out, quoted, ordered and commented differently.
constexpr const char* reformatted = R"yaml(# reviewed
revision: abc
message: a different message
created: 2030-01-01T00:00:00Z
parents:
  - base
upgrade:
  - create_table:
      columns:
        id:
          primary_key: true
          type: integer
        label: {type: "character varying(50)"}
      name: 'tags'
  - add_column:
      default: "''"     # empty text
      nullable: false
      type: text
      column: summary
      table: public.posts
  - drop_column: {flag: "data loss: drops column users.bio", table: users, type: text, column: bio}
  - sql: {up: UPDATE posts SET summary = title}
downgrade:
  - drop_column: {column: summary, table: posts, type: text, default: "''", nullable: false}
  - drop_table:
      name: tags
)yaml";

std::string checksum_of(const std::string& text) {
  return checksum(load_revision_text("r.yaml", text));
}

}  // namespace

TEST_CASE("a checksum is the SHA-256 of the operations in hex", "[revision]") {
  const std::string sum = checksum_of(compact);
  CHECK(sum.size() == 64);
  CHECK(sum.find_first_not_of("0123456789abcdef") == std::string::npos);
}

TEST_CASE("layout, quoting, key order, comments, message and date leave the checksum alone",
          "[revision]") {
  CHECK(checksum_of(reformatted) == checksum_of(compact));
  const Revision revision = load_revision_text("r.yaml", compact);
  CHECK(checksum(load_revision_text("r.yaml", write_revision_yaml(revision))) ==
        checksum(revision));
}

TEST_CASE("editing an operation, removing a flag or moving an operation changes the checksum",
          "[revision]") {
  const Revision original = load_revision_text("r.yaml", compact);
  const std::string sum = checksum(original);

  Revision edited = original;
  std::get<AddColumn>(edited.upgrade[1].op).column.default_expr = "'none'";
  CHECK(checksum(edited) != sum);

  Revision unflagged = original;
  unflagged.upgrade[2].flag.reset();
  CHECK(checksum(unflagged) != sum);

  Revision reflagged = original;
  reflagged.upgrade[2].flag = "data loss";
  CHECK(checksum(reflagged) != sum);

  Revision moved = original;
  moved.downgrade.insert(moved.downgrade.begin(), moved.upgrade.back());
  moved.upgrade.pop_back();
  CHECK(checksum(moved) != sum);

  Revision reordered = original;
  std::swap(reordered.upgrade[0], reordered.upgrade[1]);
  CHECK(checksum(reordered) != sum);

  Revision sql_changed = original;
  std::get<Sql>(sql_changed.upgrade[3].op).reverse = "UPDATE posts SET summary = NULL";
  CHECK(checksum(sql_changed) != sum);
}

TEST_CASE("running outside a transaction changes the checksum; the default leaves it as it was",
          "[revision]") {
  const Revision original = load_revision_text("r.yaml", compact);
  // Pinned: checksums recorded in history tables must keep matching the same files.
  CHECK(checksum(original) == "3110672dc0bda5924b693a711960b1df4628ba3b613c6788227b666016d576d8");
  Revision outside = original;
  outside.transactional = false;
  CHECK(checksum(outside) != checksum(original));
}
