import CPCRE2

/// PCRE2's 8-bit library, for SQL's regexp(), opened the first time a query
/// calls it (see RuntimeLibrary).
/// Sendable: C function pointers, resolved once and never changed.
struct PCRE2Library: @unchecked Sendable {
    let compile: quire_pcre2_compile
    let errorMessage: quire_pcre2_get_error_message
    let codeFree: quire_pcre2_code_free
    let matchContextCreate: quire_pcre2_match_context_create
    let matchContextFree: quire_pcre2_match_context_free
    let setMatchLimit: quire_pcre2_set_match_limit
    let setDepthLimit: quire_pcre2_set_depth_limit
    let setHeapLimit: quire_pcre2_set_heap_limit
    let matchDataCreate: quire_pcre2_match_data_create_from_pattern
    let matchDataFree: quire_pcre2_match_data_free
    let match: quire_pcre2_match
    let ovector: quire_pcre2_get_ovector_pointer

    static let shared: Result<PCRE2Library, RuntimeLibrary.Unavailable> = RuntimeLibrary.load(
        "libpcre2-8.so.0", install: "Debian's libpcre2-8-0"
    ) { library throws(RuntimeLibrary.Unavailable) in
        PCRE2Library(
            compile: try library.function("pcre2_compile_8", as: quire_pcre2_compile.self),
            errorMessage: try library.function("pcre2_get_error_message_8", as: quire_pcre2_get_error_message.self),
            codeFree: try library.function("pcre2_code_free_8", as: quire_pcre2_code_free.self),
            matchContextCreate: try library.function(
                "pcre2_match_context_create_8", as: quire_pcre2_match_context_create.self),
            matchContextFree: try library.function("pcre2_match_context_free_8", as: quire_pcre2_match_context_free.self),
            setMatchLimit: try library.function("pcre2_set_match_limit_8", as: quire_pcre2_set_match_limit.self),
            setDepthLimit: try library.function("pcre2_set_depth_limit_8", as: quire_pcre2_set_depth_limit.self),
            setHeapLimit: try library.function("pcre2_set_heap_limit_8", as: quire_pcre2_set_heap_limit.self),
            matchDataCreate: try library.function(
                "pcre2_match_data_create_from_pattern_8", as: quire_pcre2_match_data_create_from_pattern.self),
            matchDataFree: try library.function("pcre2_match_data_free_8", as: quire_pcre2_match_data_free.self),
            match: try library.function("pcre2_match_8", as: quire_pcre2_match.self),
            ovector: try library.function("pcre2_get_ovector_pointer_8", as: quire_pcre2_get_ovector_pointer.self))
    }
}
