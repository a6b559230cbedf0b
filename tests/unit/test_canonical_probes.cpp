// Which expressions canonicalization asks the server about, and how often.

#include <string>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "migrate/model.hpp"

#include "catalog/canonical_probes.hpp"

using namespace migrate;

namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++found;
  return found;
}

// Tables t0..t5 whose check and default are written as a person writes them; the live ones as
// the catalog prints them, for the types given.
Schema tables(bool catalog_form) {
  const char* types[] = {"integer", "integer", "text", "bigint", "integer", "text"};
  std::string text = "tables:\n";
  for (int i = 0; i < 6; ++i) {
    const std::string type = types[i];
    const std::string check = catalog_form ? fmt::format("(v > '1'::{})", type) : "v > '1'";
    const std::string value = catalog_form ? fmt::format("'-1'::{}", type) : "-1";
    text += fmt::format(
        "  t{0}:\n    columns:\n      v: {{type: {1}, default: \"{3}\"}}\n"
        "    checks:\n      t{0}_v_check: \"{2}\"\n",
        i, type, check, value);
  }
  return load_model_text("m.yaml", text);
}

// The statements asking several probes at once, over every temporary table.
std::string asked_together(std::vector<canonical::ProbeTable>& tables) {
  std::unordered_map<std::string, const canonical::Probe*> asked;
  std::string together;
  for (auto& table : tables) {
    for (const auto& statement : canonical::probe_statements(table, asked)) {
      together += statement.together + "\n";
    }
  }
  return together;
}

}  // namespace

TEST_CASE("canonical probes: one question per expression and types, on shared tables only",
          "[canonicalize]") {
  Schema declared = tables(false);
  const Schema live = tables(true);
  std::vector<canonical::TableProbes> collected = canonical::collect_probes(declared, live, {});
  REQUIRE(collected.size() == 6);
  std::vector<canonical::TableProbes*> all;
  for (auto& table : collected) all.push_back(&table);

  std::size_t next_temp = 0;
  auto shared = canonical::pack(all, false, next_temp);
  const std::string together = asked_together(shared);
  // integer, text and bigint: three checks and three defaults asked, not six of each.
  CHECK(count(together, "CHECK (") == 3);
  CHECK(count(together, "SET DEFAULT") == 3);
  std::size_t followers = 0;
  for (const auto& table : collected) {
    for (const auto& probe : table.probes) followers += probe.same_as ? 1 : 0;
  }
  CHECK(followers == 6);

  // On copies of each table's own, every probe is asked.
  auto copies = canonical::pack(all, true, next_temp);
  const std::string on_copies = asked_together(copies);
  CHECK(count(on_copies, "CHECK (") == 6);
  for (const auto& table : collected) {
    for (const auto& probe : table.probes) CHECK(probe.same_as == nullptr);
  }
}
