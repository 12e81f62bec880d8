/// The rule tables, one per language, and the names that choose them.
enum Languages {
    /// Fence info-string words (lowercased) to tables.
    static func named(_ name: String) -> Language? {
        switch name.lowercased() {
        case "python", "py", "python3": python
        case "bash", "sh", "shell", "zsh": bash
        case "console", "shell-session": console
        case "json", "jsonc": json
        case "yaml", "yml": yaml
        case "toml": toml
        case "sql", "sqlite": sql
        case "c", "h": c
        case "cpp", "c++", "cc", "cxx", "hpp": cpp
        case "swift": swift
        case "rust", "rs": rust
        case "javascript", "js", "mjs", "cjs": javascript
        case "typescript", "ts": typescript
        case "diff", "patch", "udiff": diff
        default: nil
        }
    }

    static func runs(_ groups: [(String, TokenKind)]) -> [(symbol: [UInt8], kind: TokenKind)] {
        groups.flatMap { list, kind in list.split(separator: " ").map { (Array($0.utf8), kind) } }
            .sorted { $0.symbol.count > $1.symbol.count }
    }

    static let python: Language = {
        var language = Language()
        language.lineComments = [Array("#".utf8)]
        language.quotes = [
            .init("\"\"\"", multiline: true, prefixes: "rRbBfFuU"), .init("'''", multiline: true, prefixes: "rRbBfFuU"),
            .init("\"", prefixes: "rRbBfFuU"), .init("'", prefixes: "rRbBfFuU"),
        ]
        language.words = .init(
            [
                (
                    """
                    as assert async await break class continue def del elif else except finally for from global if import
                    lambda nonlocal pass raise return try while with yield and or not in is
                    """, .keyword
                ),
                ("True False None", .constant),
                (
                    """
                    abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex delattr dict
                    dir divmod enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input
                    int isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print
                    property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip
                    self cls __import__ NotImplemented Ellipsis
                    """, .builtin
                ),
            ], functionDefiners: ["def"], typeDefiners: ["class"])
        language.operators = ByteSet("+-*/%<>=!&|^~.")
        language.punctuation = ByteSet("()[]{},:;")
        language.decorators = true
        language.colourCalls = true
        return language.prepared()
    }()

    static let bash: Language = {
        var language = Language()
        language.lineComments = [Array("#".utf8)]
        language.lineCommentAtWordStart = true
        language.quotes = [
            .init("\"", multiline: true, prefixes: "$", shellInterpolation: true),
            .init("'", escapes: false, multiline: true, prefixes: "$"),
        ]
        language.looseWords = true
        language.shellVariables = true
        language.shellAssignments = true
        language.words = .init([
            ("if then else elif fi case esac for select while until do done in function return break continue", .keyword),
            (
                """
                echo printf cd pwd exit set unset shift eval exec export readonly local declare typeset read test source alias
                unalias trap wait kill command type hash getopts let ulimit umask true false builtin enable jobs fg bg disown
                pushd popd dirs shopt time times compgen complete bind caller fc help history logout suspend
                """, .builtin
            ),
        ])
        // Backquotes mark a command substitution; what is inside is code.
        language.symbolRuns = runs([("&& || +=", .operator), (";;", .punctuation), ("`", .string)])
        language.operators = ByteSet("()[]{}=")
        language.punctuation = ByteSet(";|&")
        return language.prepared()
    }()

    static let console: Language = {
        var language = Language()
        language.mode = .console
        return language.prepared()
    }()

    static let json: Language = {
        var language = Language()
        language.quotes = [.init("\"")]
        language.words = .init([("true false null", .constant)])
        language.punctuation = ByteSet("{}[],:")
        language.keyBefore = UInt8(ascii: ":")
        return language.prepared()
    }()

    static let yaml: Language = {
        var language = Language()
        language.mode = .yaml
        return language.prepared()
    }()

    static let toml: Language = {
        var language = Language()
        language.lineComments = [Array("#".utf8)]
        language.quotes = [
            .init("\"\"\"", multiline: true), .init("'''", escapes: false, multiline: true),
            .init("\""), .init("'", escapes: false),
        ]
        language.words = .init([("true false inf nan", .constant)])
        language.identifierBytes = ByteSet("-")
        language.keyBefore = UInt8(ascii: "=")
        language.keysAreBare = true
        language.sectionHeaders = true
        language.equalsInBracesArePunctuation = true
        language.numberBytes = ByteSet("-:+_")
        language.operators = ByteSet("=")
        language.punctuation = ByteSet("[]{},.")
        return language.prepared()
    }()

    static let sql: Language = {
        var language = Language()
        language.lineComments = [Array("--".utf8)]
        language.blockComments = [(Array("/*".utf8), Array("*/".utf8))]
        language.quotes = [.init("'", escapes: false, multiline: true), .init("\"", escapes: false)]
        // The keywords are the words Pygments' SQL lexer calls keywords in some 2,500 real schema, query and
        // migration files (sqlc, golang-migrate, sakila, PostgreSQL's own): dialect words it does not know
        // (`returning`, `pragma`, `autoincrement`) stay names, and so do its keywords real code never used.
        language.words = .init(
            [
                (
                    """
                    select from where and or not in is null as on join left right inner outer full cross natural using group by order
                    having limit offset union all distinct case when then else end insert into values update set delete create table
                    view index unique primary key foreign references drop alter add column if exists with recursive asc desc between
                    like escape cast collate default constraint check begin commit rollback transaction rows current_timestamp
                    current_date current_time current_user session_user usage schema domain role user comment current row replace
                    temporary trigger instead of each for explain analyze vacuum database ignore abort without first last do nothing
                    true false language function returns grant revoke to cascade restrict execute procedure time timestamp abs after
                    aggregate alias any are at atomic avg before bit_length c cache call called catalog_name char_length
                    character_set_catalog character_set_name character_set_schema clob coalesce collation_catalog collation_name
                    collation_schema column_name constraint_catalog constraint_name constraint_schema contains count cycle data day
                    declare definer delimiter deterministic dictionary encoding encrypted every except exception extract found g
                    generated go handler host identity immediate immutable including increment inherits initially input intersect
                    invoker lateral length level listen location lower match max maxvalue min minvalue mod mode modify month more names
                    nchar new next no notify nullable nullif object octet_length off old only operator options ordinality out output
                    overlaps owner parameter_mode parameter_name parameters position precision prior procedural public reads referencing
                    rename return routine_catalog routine_name routine_schema rule scale schema_name search second security setof show
                    similar simple size source specific_name sql stable start state strict stype substring sum table_name template than
                    trailing transforms trigger_catalog trigger_name trigger_schema trim truncate trusted type unnest upper
                    user_defined_type_catalog user_defined_type_name user_defined_type_schema version versions volatile year zone
                    """, .keyword
                ),
                (
                    """
                    integer int bigint smallint real double float numeric decimal text varchar char blob boolean date interval
                    bytea serial json jsonb
                    """, .type
                ),
            ], caseInsensitive: true)
        language.operators = ByteSet("+-*/<>=!|%~^&@#`?")
        language.punctuation = ByteSet("(),;.:[]")
        language.colourCalls = true
        return language.prepared()
    }()

    static let cKeywords = """
        auto break case char const continue default do double else enum extern float for goto if inline int long
        register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while
        _Bool _Complex _Atomic _Alignas _Alignof _Noreturn _Static_assert _Thread_local bool
        __int64 __int32 __inline __asm __attribute__ __declspec __restrict __extension__
        size_t ssize_t ptrdiff_t intptr_t uintptr_t int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t
        """

    static let c: Language = {
        var language = Language()
        language.lineComments = [Array("//".utf8)]
        language.blockComments = [(Array("/*".utf8), Array("*/".utf8))]
        language.quotes = [.init("\"", prefixes: "LuU8"), .init("'", prefixes: "LuU")]
        language.words = .init([(cKeywords, .keyword), ("NULL true false", .builtin)], typeDefiners: ["struct", "enum", "union"])
        language.operators = ByteSet("+-*/%=<>!&|^~?")
        language.punctuation = ByteSet("()[]{},;.:")
        language.preprocessor = true
        language.colourCalls = true
        return language.prepared()
    }()

    static let cpp: Language = {
        var language = c
        language.words = .init(
            [
                (
                    cKeywords + " " + """
                        class namespace template typename public private protected virtual override final new delete this throw try
                        catch using operator friend explicit mutable constexpr consteval constinit noexcept decltype static_cast
                        dynamic_cast reinterpret_cast const_cast concept requires co_await co_return co_yield export module import
                        alignas alignof thread_local char8_t char16_t char32_t wchar_t static_assert
                        """, .keyword
                ),
                ("true false nullptr", .constant),
                ("NULL", .builtin),
            ], typeDefiners: ["struct", "enum", "union", "class", "namespace"])
        language.symbolRuns = runs([("::", .operator)])
        language.operators = ByteSet("+-*/%=<>!&|^~?:")
        language.punctuation = ByteSet("()[]{},;.")
        return language.prepared()
    }()

    static let swift: Language = {
        var language = Language()
        language.lineComments = [Array("//".utf8)]
        language.blockComments = [(Array("/*".utf8), Array("*/".utf8))]
        language.blockCommentsNest = true
        language.quotes = [
            .init("#\"", "\"#", escapes: false),
            .init("\"\"\"", multiline: true, interpolation: ("\\(", ")")),
            .init("\"", interpolation: ("\\(", ")")),
        ]
        language.identifierBytes = ByteSet("$")
        language.words = .init(
            [
                (
                    """
                    associatedtype class deinit enum extension fileprivate func import init inout internal let operator
                    private precedencegroup protocol public rethrows static struct subscript typealias var break case catch
                    continue default defer do else fallthrough for guard if in repeat return throw switch where while as is try
                    throws await async some any nonisolated package consuming borrowing mutating nonmutating override final lazy
                    weak unowned convenience required dynamic indirect optional get set willSet didSet super self Self actor _
                    """, .keyword
                ),
                ("true false nil", .constant),
            ], functionDefiners: ["func"], typeDefiners: ["class", "struct", "enum", "protocol", "extension", "actor", "typealias"])
        // As Pygments reads Swift, `=` is punctuation wherever it appears (`==`, `+=`).
        language.symbolRuns = runs([("... ..< && ||", .operator), ("->", .punctuation)])
        language.operators = ByteSet("+-*/%<>!&|^~")
        language.punctuation = ByteSet("()[]{},;:.=?")
        language.capitalizedAreTypes = true
        language.colourCalls = true
        language.decorators = true
        language.hashWords = true
        return language.prepared()
    }()

    static let rust: Language = {
        var language = Language()
        language.lineComments = [Array("//".utf8)]
        language.blockComments = [(Array("/*".utf8), Array("*/".utf8))]
        language.blockCommentsNest = true
        language.docComments = [Array("///".utf8), Array("//!".utf8)]
        language.quotes = [
            .init("r#\"", "\"#", escapes: false, multiline: true, prefixes: "b"),
            .init("\"", multiline: true, prefixes: "br"),
            .init("'", prefixes: "b", character: true),
        ]
        language.words = .init(
            [
                (
                    """
                    as fn let mut pub struct enum impl trait type where for in loop while if else match return break continue use
                    mod crate super const static unsafe extern ref move dyn async await box union
                    """ + " " + rustTypeWords, .keyword
                ),
                ("true false", .constant),
                // Pygments: builtin names, not keywords.
                ("self Self", .builtin),
            ], functionDefiners: ["fn"], typeDefiners: ["struct", "enum", "trait", "type"])
        language.typePositions = true
        language.typeWords = .init([(rustTypeWords, .keyword)])
        // `'` opens a lifetime (`'a`) where it is not a character: a run of its own, so `<'a` is `<`, `'`, `a`.
        language.symbolRuns = runs([(":: ->", .punctuation), ("..= .. => '", .operator)])
        language.operators = ByteSet("+-*/%=<>!&|^?")
        language.punctuation = ByteSet("()[]{},;:.")
        language.capitalizedAreTypes = true
        language.colourCalls = true
        language.hashAttributes = true
        return language.prepared()
    }()

    static let rustTypeWords = "i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str"

    static let javaScriptKeywords = """
        break case catch class const continue debugger default delete do else export extends finally for function if
        import in instanceof let new return super switch this throw try typeof var void while with yield async await of
        from as static constructor abstract boolean byte char double enum final float goto implements int interface long
        native package private protected public short synchronized throws transient volatile
        """

    static let javascript: Language = {
        var language = Language()
        language.lineComments = [Array("//".utf8)]
        language.blockComments = [(Array("/*".utf8), Array("*/".utf8))]
        language.quotes = [.init("\""), .init("'"), .init("`", multiline: true, interpolation: ("${", "}"))]
        language.words = .init(
            [(javaScriptKeywords, .keyword), ("true false null undefined NaN Infinity", .constant)],
            functionDefiners: ["function"], typeDefiners: ["class"])
        language.identifierBytes = ByteSet("$")
        language.symbolRuns = runs([("=>", .punctuation)])
        language.operators = ByteSet("+-*/%=<>!&|^~?:")
        language.punctuation = ByteSet("()[]{},;.")
        language.regexLiterals = true
        language.colourCalls = true
        return language.prepared()
    }()

    static let typescript: Language = {
        var language = javascript
        language.words = .init(
            [
                (
                    // Pygments' words: `keyof`, `never`, `unknown` and the like are names to it.
                    javaScriptKeywords + " " + """
                        type declare readonly module override string number
                        """, .keyword
                ),
                ("true false null undefined NaN Infinity", .constant),
            ], functionDefiners: ["function"], typeDefiners: ["class", "interface", "type", "enum"])
        language.capitalizedAreTypes = true
        language.decorators = true
        language.typesAfterColons = true
        language.wordsBeforeColons = .init([
            (
                "abstract implements private protected public readonly enum interface override declare type string boolean number module",
                .keyword
            )
        ])
        return language.prepared()
    }()

    static let diff: Language = {
        var language = Language()
        language.mode = .diff
        return language.prepared()
    }()
}
