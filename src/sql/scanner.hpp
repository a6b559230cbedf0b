#pragma once
// SQL text as PostgreSQL's own scanner reads it (libpg_query): tokens with their places, and
// identifiers as the parser folds them. The one SQL scanner of migrate: dollar quotes, E''
// strings, comments and keywords are the server's, not a guess of ours.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace migrate::sql {

enum class TokenKind {
  identifier,  // bare or double-quoted
  keyword,
  literal,  // strings, numbers, bit strings, parameters
  comment,
  other,  // operators and punctuation
};

// PostgreSQL's keyword categories (pg_get_keywords().catcode: U, C, T, R).
enum class KeywordCategory { none, unreserved, column_name, type_or_function_name, reserved };

struct Token {
  TokenKind kind = TokenKind::other;
  KeywordCategory keyword = KeywordCategory::none;
  std::size_t begin = 0;  // byte offsets into the scanned text
  std::size_t end = 0;
};

// The tokens of text, comments included; nullopt when the scanner refuses it (an unterminated
// quote or comment).
std::optional<std::vector<Token>> scan(std::string_view text);

// The name an identifier or keyword token stands for, as the parser reads it: bare words folded
// to lower case (ASCII only, as in a UTF-8 database), "quoted" ones unquoted.
std::string identifier_name(std::string_view text, const Token& token);

// The keywords a statement starts with, upper case and one space apart, as a short name of what
// it does: "CREATE UNIQUE INDEX", "ALTER TABLE", "COMMENT ON COLUMN".
std::string command_words(std::string_view statement);

// The category of word as a keyword (lower case, as quote_ident() checks it), or none.
KeywordCategory keyword_category(const std::string& word);

}  // namespace migrate::sql
