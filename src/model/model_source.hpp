#pragma once
// The model loader's internal stages. A YAML document is read into a DocumentDraft (objects with
// the positions they were written at, unnamed constraints with empty names), named as PostgreSQL
// would (default_names.cpp), then turned into a ModelSource; sources of several documents and
// files are merged and their cross-references checked (merge_model.cpp).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "migrate/names.hpp"
#include "migrate/schema.hpp"

#include "model/yaml_reader.hpp"

namespace migrate::model {

// An object with the position errors about it point at.
template <typename T>
struct Placed {
  T value = {};
  Position at = {};
};

// A serial column, which gets an owned sequence once names are chosen.
struct SerialColumn {
  std::string column = {};
  std::string sequence_type = {};  // smallint, integer or bigint
  Position at = {};
};

struct TableDraft {
  Table table = {};  // columns, comment; constraints are moved in once named
  Position at = {};
  std::optional<Placed<PrimaryKey>> primary_key = {};
  std::vector<Placed<UniqueConstraint>> uniques = {};  // column-level first, as PostgreSQL orders
  std::vector<Placed<ForeignKey>> foreign_keys = {};   // at: the 'references' value
  std::vector<Placed<CheckConstraint>> checks = {};
  std::vector<Placed<ExclusionConstraint>> exclusions = {};
  std::vector<Placed<Index>> indexes = {};
  std::vector<SerialColumn> serials = {};
  std::optional<Position> partition_of_at = {};  // the 'partition_of' value, when given
};

struct SequenceDraft {
  Sequence sequence = {};
  Position at = {};
  Position owner_at = {};  // the 'owned_by' value, when given
};

struct DocumentDraft {
  std::string schema = default_schema_name;
  std::vector<Placed<std::string>> schemas = {};                    // declared with 'schemas:'
  std::map<std::string, Placed<std::string>> schema_comments = {};  // by schema name
  std::vector<Placed<Extension>> extensions = {};
  std::vector<Placed<Enum>> enums = {};
  std::vector<Placed<Domain>> domains = {};
  std::vector<Placed<CompositeType>> composite_types = {};
  std::vector<SequenceDraft> sequences = {};
  std::vector<TableDraft> tables = {};
  std::vector<Placed<View>> views = {};          // views and materialized views
  std::vector<Placed<Function>> functions = {};  // functions and procedures
  std::vector<Placed<Trigger>> triggers = {};
};

// What a model file is about, for messages that name a file and position.
struct Location {
  std::string file = {};
  Position at = {};
};

// A reference checked once every file is merged: a foreign key or a sequence's owner.
struct ReferenceSite {
  QualifiedName object = {};  // the referencing table or the owned sequence
  std::string name = {};      // the foreign key's name; empty for a sequence owner
  Location at = {};
};

struct ModelSource {
  Schema schema = {};
  // ("table" | "view" | "enum" | "domain" | "composite type" | "sequence" | "extension" |
  // "function" | "trigger",
  // name) -> where it is defined; a function's name holds its arguments, a trigger's its table.
  std::map<std::pair<std::string, QualifiedName>, Location> definitions = {};
  std::vector<ReferenceSite> references = {};
  std::map<QualifiedName, Location> partitions = {};  // each partition's 'partition_of'
};

// Reads one document (the root of one YAML document of a model file) into a draft.
DocumentDraft read_document(const YamlReader& reader, const yaml::Node& root);
// Reads the value of one entry under 'tables:'.
TableDraft read_table(const YamlReader& reader, const DocumentDraft& document, const Entry& entry);

// Reads the value of one entry under 'domains:' (read_domains.cpp).
Placed<Domain> read_domain(const YamlReader& reader, const DocumentDraft& document,
                           const Entry& entry);
// Reads the value of one entry under 'composite_types:' (read_composite_types.cpp), and a
// composite type's 'attributes' (which alter_composite_type operations hold too).
Placed<CompositeType> read_composite_type(const YamlReader& reader, const DocumentDraft& document,
                                          const Entry& entry);
std::vector<CompositeAttribute> read_attributes(const YamlReader& reader,
                                                const DocumentDraft& document, const Entry& entry,
                                                const std::string& where);
// A normalized type that names, unqualified, an enum, domain or composite type of the document:
// that type,
// qualified outside public, as format_type() spells it; any other type as it is.
std::string qualify_user_type(const DocumentDraft& document, const std::string& type);

// Reads the value of one entry under 'views:' or 'materialized_views:' (read_views.cpp).
Placed<View> read_view(const YamlReader& reader, const DocumentDraft& document, const Entry& entry,
                       bool materialized);

// Reads one item under 'functions:' or 'triggers:' (read_routines.cpp).
Placed<Function> read_function(const YamlReader& reader, const DocumentDraft& document,
                               const yaml::Node& item);
Placed<Trigger> read_trigger(const YamlReader& reader, const DocumentDraft& document,
                             const yaml::Node& item);

// Gives every unnamed constraint, index and serial sequence PostgreSQL's default name, or the
// name `convention` makes for its kind, after checking explicit names for clashes. A name the
// convention makes that clashes or runs over 63 bytes is a FileError at the object.
void name_objects(const YamlReader& reader, DocumentDraft& document,
                  const NamingConvention& convention = {});

// The draft's objects as a source (call name_objects first).
ModelSource to_source(const YamlReader& reader, DocumentDraft&& document);
// Every document of one file's text, merged.
ModelSource read_model_source(const std::string& file_name, const std::string& text,
                              const NamingConvention& convention = {});
// Adds from to into; an object defined in both is a FileError naming both places.
void merge_source(ModelSource& into, ModelSource&& from);
// Foreign keys and sequence owners must name tables and columns of the source.
void check_references(const ModelSource& source);
// Gives each partition its parent's columns, once every file is merged; fails when the parent is
// not a partitioned table of the model, or partitions form a cycle.
void inherit_partition_columns(ModelSource& source);

}  // namespace migrate::model
