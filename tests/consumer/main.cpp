// Loads a model and prints the SQL that creates it: proof that the installed headers and
// library are usable on their own.
#include <iostream>

#include <migrate/diff.hpp>
#include <migrate/model.hpp>
#include <migrate/render.hpp>

int main() {
  const auto model = migrate::load_model_text(
      "inline.yaml", "tables:\n  notes:\n    columns:\n      id: {type: int, primary_key: true}\n");
  for (const auto& statement : migrate::render(migrate::diff({}, model))) {
    std::cout << statement << ";\n";
  }
  return 0;
}
