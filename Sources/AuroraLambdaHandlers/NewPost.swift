/// The body of `POST /posts`, validated: `{"userId": 1, "title": "...", "body": "...", "slug"?: "...", "published"?: true}`.
struct NewPost: Sendable, Equatable {
    var userId: Int64
    var title: String
    var slug: String
    var body: String
    var published: Bool

    /// Request bodies larger than this are refused before parsing.
    static let maximumRequestBytes = 64 * 1024
    static let maximumTitleCharacters = 250
    static let maximumSlugCharacters = 100
    /// MySQL's TEXT holds 65,535 bytes; the limit leaves room for the rest of the request.
    static let maximumBodyBytes = 60_000
    static let fields = ["userId", "title", "body", "slug", "published"]

    /// Validates a request body; the error says what is wrong, for a 400 answer.
    init(json bytes: [UInt8]?) throws(NewPostError) {
        guard let bytes, !bytes.isEmpty else {
            throw NewPostError(#"The request has no body; send a JSON object like {"userId": 1, "title": "...", "body": "..."}."#)
        }
        guard bytes.count <= Self.maximumRequestBytes else {
            throw NewPostError("The request body is \(bytes.count) bytes; at most \(Self.maximumRequestBytes) are accepted.")
        }
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch { throw NewPostError("The request body is not valid JSON.") }
        guard let object = value.object else { throw NewPostError("The request body must be a JSON object, not \(value.kind).") }
        try self.init(object: object)
    }

    init(object: [String: JSONValue]) throws(NewPostError) {
        if let unknown = object.keys.filter({ !Self.fields.contains($0) }).sorted().first {
            throw NewPostError("Unknown field '\(unknown)'; the fields are \(Self.fields.joined(separator: ", ")).")
        }
        guard let userIdValue = object["userId"] else { throw NewPostError("The field 'userId' is missing.") }
        guard case .integer(let userId) = userIdValue, userId > 0 else {
            throw NewPostError("The field 'userId' must be a positive integer, not \(userIdValue.kind).")
        }
        self.userId = userId
        title = try Self.text(object, "title", maxCharacters: Self.maximumTitleCharacters)
        body = try Self.text(object, "body", maxBytes: Self.maximumBodyBytes)
        if let slugValue = object["slug"], slugValue != .null {
            let slug = try Self.text(object, "slug", maxCharacters: Self.maximumSlugCharacters)
            guard Self.isSlug(slug) else {
                throw NewPostError("The field 'slug' may hold only lower-case letters, digits and single hyphens between them (e.g. 'my-first-post').")
            }
            self.slug = slug
        } else {
            slug = Self.slug(from: title)
        }
        switch object["published"] {
        case nil, .null?: published = true
        case .bool(let value)?: published = value
        case let other?: throw NewPostError("The field 'published' must be true or false, not \(other.kind).")
        }
    }

    private static func text(_ object: [String: JSONValue], _ name: String, maxCharacters: Int? = nil, maxBytes: Int? = nil)
        throws(NewPostError) -> String
    {
        guard let value = object[name], value != .null else { throw NewPostError("The field '\(name)' is missing.") }
        guard let text = value.string else { throw NewPostError("The field '\(name)' must be a string, not \(value.kind).") }
        guard text.contains(where: { !$0.isWhitespace }) else { throw NewPostError("The field '\(name)' is empty.") }
        if let maxCharacters, text.count > maxCharacters {
            throw NewPostError("The field '\(name)' has \(text.count) characters; at most \(maxCharacters) are allowed.")
        }
        if let maxBytes, text.utf8.count > maxBytes {
            throw NewPostError("The field '\(name)' is \(text.utf8.count) bytes long; at most \(maxBytes) are allowed.")
        }
        return text
    }

    static func isSlug(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// A slug from the title (ASCII letters and digits, hyphens between words) and a random suffix, so two posts
    /// with one title get different slugs.
    static func slug(from title: String) -> String {
        var words: [String] = []
        var word = ""
        for scalar in title.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        var base = ""
        for word in words where base.count + word.count + 1 <= 80 { base += base.isEmpty ? word : "-" + word }
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return (base.isEmpty ? "post" : base) + "-" + suffix
    }
}

/// A request body `POST /posts` refuses; the message goes into the 400 answer.
struct NewPostError: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
