#pragma once
// What the files of src/catalog/ share: the connection behind Database.

#include <memory>
#include <string>

#include <pqxx/pqxx>

#include "migrate/catalog.hpp"

namespace migrate {

struct Database::Impl {
  std::string url;
  std::unique_ptr<pqxx::connection> connection;
};

// A server message without its trailing newline.
std::string trim_message(std::string message);

// A text[] field as strings (libpqxx's array parser; NULL elements become "").
std::vector<std::string> text_array(const pqxx::field& field);

}  // namespace migrate
