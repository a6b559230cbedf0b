#pragma once

#include <string_view>

namespace migrate {

// True for the lowercase keywords PostgreSQL's quote_ident() quotes (all but unreserved ones).
bool is_quoted_keyword(std::string_view word);

}  // namespace migrate
