#include "sql/scanner.hpp"

#include <cstdint>
#include <memory>

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

// The scanner's keyword table, which libpg_query exports but declares in no installed header
// (PostgreSQL's common/kwlookup.h and common/keywords.h). Only the table's address is taken.
extern "C" {
struct ScanKeywordList;
extern const ScanKeywordList ScanKeywords;
extern const std::uint8_t ScanKeywordCategories[];
int ScanKeywordLookup(const char* word, const ScanKeywordList* keywords);
}

namespace migrate::sql {
namespace {

KeywordCategory category_of(PgQuery__KeywordKind kind) {
  switch (kind) {
    case PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD:
      return KeywordCategory::unreserved;
    case PG_QUERY__KEYWORD_KIND__COL_NAME_KEYWORD:
      return KeywordCategory::column_name;
    case PG_QUERY__KEYWORD_KIND__TYPE_FUNC_NAME_KEYWORD:
      return KeywordCategory::type_or_function_name;
    case PG_QUERY__KEYWORD_KIND__RESERVED_KEYWORD:
      return KeywordCategory::reserved;
    default:
      return KeywordCategory::none;
  }
}

TokenKind kind_of(const PgQuery__ScanToken& token) {
  if (token.keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD) return TokenKind::keyword;
  switch (token.token) {
    case PG_QUERY__TOKEN__IDENT:
    case PG_QUERY__TOKEN__UIDENT:
      return TokenKind::identifier;
    case PG_QUERY__TOKEN__SCONST:
    case PG_QUERY__TOKEN__USCONST:
    case PG_QUERY__TOKEN__BCONST:
    case PG_QUERY__TOKEN__XCONST:
    case PG_QUERY__TOKEN__FCONST:
    case PG_QUERY__TOKEN__ICONST:
    case PG_QUERY__TOKEN__PARAM:
      return TokenKind::literal;
    case PG_QUERY__TOKEN__SQL_COMMENT:
    case PG_QUERY__TOKEN__C_COMMENT:
      return TokenKind::comment;
    default:
      return TokenKind::other;
  }
}

struct FreeScanResult {
  void operator()(PgQueryScanResult* result) const {
    pg_query_free_scan_result(*result);
    delete result;
  }
};

struct FreeTokens {
  void operator()(PgQuery__ScanResult* tokens) const {
    pg_query__scan_result__free_unpacked(tokens, nullptr);
  }
};

}  // namespace

std::optional<std::vector<Token>> scan(std::string_view text) {
  const std::string terminated(text);  // the scanner reads up to a NUL
  const std::unique_ptr<PgQueryScanResult, FreeScanResult> result(
      new PgQueryScanResult(pg_query_scan(terminated.c_str())));
  if (result->error) return std::nullopt;
  const std::unique_ptr<PgQuery__ScanResult, FreeTokens> tokens(pg_query__scan_result__unpack(
      nullptr, result->pbuf.len, reinterpret_cast<const std::uint8_t*>(result->pbuf.data)));
  if (!tokens) return std::nullopt;
  std::vector<Token> out;
  out.reserve(tokens->n_tokens);
  for (std::size_t i = 0; i < tokens->n_tokens; ++i) {
    const PgQuery__ScanToken& token = *tokens->tokens[i];
    out.push_back({kind_of(token), category_of(token.keyword_kind),
                   static_cast<std::size_t>(token.start), static_cast<std::size_t>(token.end)});
  }
  return out;
}

std::string identifier_name(std::string_view text, const Token& token) {
  const std::string_view word = text.substr(token.begin, token.end - token.begin);
  std::string name;
  if (!word.empty() && word.front() == '"') {
    for (std::size_t i = 1; i + 1 < word.size(); ++i) {
      name += word[i];
      if (word[i] == '"') ++i;  // a doubled quote stands for one
    }
    return name;
  }
  for (const char c : word) name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return name;
}

std::string command_words(std::string_view statement) {
  std::string words;
  for (const Token& token : scan(statement).value_or(std::vector<Token>{})) {
    if (token.kind == TokenKind::comment) continue;
    if (token.kind != TokenKind::keyword) break;
    if (!words.empty()) words += ' ';
    for (const char c : statement.substr(token.begin, token.end - token.begin)) {
      words += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
  }
  return words;
}

KeywordCategory keyword_category(const std::string& word) {
  const int number = ScanKeywordLookup(word.c_str(), &ScanKeywords);
  if (number < 0) return KeywordCategory::none;
  // The table's own numbering: PostgreSQL's UNRESERVED_KEYWORD is 0 ... RESERVED_KEYWORD 3.
  switch (ScanKeywordCategories[number]) {
    case 0:
      return KeywordCategory::unreserved;
    case 1:
      return KeywordCategory::column_name;
    case 2:
      return KeywordCategory::type_or_function_name;
    default:
      return KeywordCategory::reserved;
  }
}

}  // namespace migrate::sql
