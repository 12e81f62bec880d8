// quire matches UTF-8 text only: the 8-bit library, whose functions Swift
// sees under their real names (pcre2_compile_8, pcre2_match_8, ...).
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
