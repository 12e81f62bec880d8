/// The commit quire was built from. `scripts/install` fills it in for the
/// build it installs and puts this file back afterwards; any other build
/// does not know its commit and says nothing about it.
enum BuildCommit {
    static let hash: String? = nil
}
