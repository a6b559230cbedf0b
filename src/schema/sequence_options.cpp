#include <limits>

#include "migrate/schema.hpp"

namespace migrate {
namespace {

std::int64_t type_max(const std::string& type) {
  if (type == "smallint") return std::numeric_limits<std::int16_t>::max();
  if (type == "integer") return std::numeric_limits<std::int32_t>::max();
  return std::numeric_limits<std::int64_t>::max();
}

}  // namespace

SequenceOptions without_defaults(const std::string& type, SequenceOptions options) {
  const bool ascending = options.increment.value_or(1) > 0;
  const std::int64_t max = ascending ? type_max(type) : -1;
  const std::int64_t min = ascending ? 1 : -type_max(type) - 1;
  if (options.increment == 1) options.increment.reset();
  if (options.min_value == min) options.min_value.reset();
  if (options.max_value == max) options.max_value.reset();
  if (options.start ==
      (ascending ? options.min_value.value_or(min) : options.max_value.value_or(max))) {
    options.start.reset();
  }
  if (options.cache == 1) options.cache.reset();
  return options;
}

bool sequence_must_restart(const SequenceOptions& from, const SequenceOptions& to) {
  constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
  constexpr auto highest = std::numeric_limits<std::int64_t>::max();
  const bool was_ascending = from.increment.value_or(1) > 0;
  const std::int64_t start = from.start      ? *from.start
                             : was_ascending ? from.min_value.value_or(1)
                                             : from.max_value.value_or(-1);
  const bool ascending = to.increment.value_or(1) > 0;
  const std::int64_t min = to.min_value.value_or(ascending ? 1 : lowest);
  const std::int64_t max = to.max_value.value_or(ascending ? highest : -1);
  return start < min || start > max;
}

void drop_default_sequence_options(Schema& schema) {
  for (Sequence& sequence : schema.sequences) {
    sequence.options = without_defaults(sequence.type, sequence.options);
  }
  for (Table& table : schema.tables) {
    for (Column& column : table.columns) {
      if (column.identity) {
        column.identity->options = without_defaults(column.type, column.identity->options);
      }
    }
  }
}

}  // namespace migrate
