#pragma once
// Comparing two schemas: the ordered operations that turn `from` into `to`.

#include <optional>
#include <string>
#include <vector>

#include "migrate/operations.hpp"
#include "migrate/schema.hpp"

namespace migrate {

// The renames a model declares with `renamed_from` that apply to `live`: a table or column whose
// old name exists there while its new name does not. Table renames come first, then column
// renames (named by the table's new name). `renamed`, set when there is an operation, is `live` as
// PostgreSQL will hold it afterwards: foreign keys, key and index columns, owned sequences and
// expressions follow the new names. A renamed_from that names nothing in `live` while the new name
// is also absent, or whose new name already exists beside the old one, is not applied and adds a
// note saying why; one whose old name is gone and new name present is already done and says
// nothing.
struct DeclaredRenames {
  std::vector<Operation> operations = {};
  std::optional<Schema> renamed = {};
  std::vector<std::string> notes = {};
};
DeclaredRenames declared_renames(const Schema& live, const Schema& declared);

// Whether a dropped column and an added one look like one column renamed: another name, and the
// same type, nullability, default, identity, generation and collation.
bool may_be_renamed(const Column& dropped, const Column& added);

// The share of columns that a dropped table and a created one have alike (same name and type),
// over the larger column count. At least half (likely_rename_share) may be a rename.
double shared_column_share(const Table& dropped, const Table& created);
inline constexpr double likely_rename_share = 0.5;

// The operations that, applied in order to a database holding `from`, leave it holding `to`.
// The order is one PostgreSQL accepts: each object is created after what it depends on and
// dropped before it; foreign keys are added after all their tables exist (so cycles need no
// special case) and dropped before their tables. Unmanaged objects are ignored. Declared renames
// (see declared_renames) come first and their notes are logged; an index or constraint that only
// changes name becomes a rename, since its definition, and so nothing of the data, changes.
// A drop and an add that may be a rename (see may_be_renamed, shared_column_share) come next to
// each other, drop first, where the rename would go: replacing the pair with the rename keeps
// the order valid.
// inverse(diff(a, b)) undoes it. Throws InternalError if the dependencies form a cycle.
std::vector<Operation> diff(const Schema& from, const Schema& to);

}  // namespace migrate
