// Headers only: quire opens libpcre2-8 at first use (PCRE2Library.swift).
// quire matches UTF-8 text only: the 8-bit library, whose functions have
// their real names (pcre2_compile_8, pcre2_match_8, ...).
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

typedef __typeof__(pcre2_compile_8) *quire_pcre2_compile;
typedef __typeof__(pcre2_get_error_message_8) *quire_pcre2_get_error_message;
typedef __typeof__(pcre2_code_free_8) *quire_pcre2_code_free;
typedef __typeof__(pcre2_match_context_create_8) *quire_pcre2_match_context_create;
typedef __typeof__(pcre2_match_context_free_8) *quire_pcre2_match_context_free;
typedef __typeof__(pcre2_set_match_limit_8) *quire_pcre2_set_match_limit;
typedef __typeof__(pcre2_set_depth_limit_8) *quire_pcre2_set_depth_limit;
typedef __typeof__(pcre2_set_heap_limit_8) *quire_pcre2_set_heap_limit;
typedef __typeof__(pcre2_match_data_create_from_pattern_8) *quire_pcre2_match_data_create_from_pattern;
typedef __typeof__(pcre2_match_data_free_8) *quire_pcre2_match_data_free;
typedef __typeof__(pcre2_match_8) *quire_pcre2_match;
typedef __typeof__(pcre2_get_ovector_pointer_8) *quire_pcre2_get_ovector_pointer;
