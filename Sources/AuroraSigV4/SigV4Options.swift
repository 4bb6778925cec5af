extension SigV4Signer {
    /// Service-specific variations of the SigV4 algorithm.
    ///
    /// The defaults are right for every service except Amazon S3 (use ``s3``), as described in
    /// "Create a signed AWS API request", step 1 (canonical URI):
    /// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
    public struct Options: Sendable, Hashable {
        /// URI-encode the (already percent-encoded) wire path a second time: `%3A` is signed as `%253A`.
        /// Every service except S3 does this. When false, escapes already in the path are kept and only
        /// other bytes outside the unreserved set are encoded once (S3).
        public var doubleURIEncode: Bool
        /// Remove `.` and `..` segments and collapse repeated `/` before encoding (all services except S3).
        public var normalizePath: Bool
        /// Add and sign an `x-amz-content-sha256` header holding the payload hash (S3; the test suite's
        /// `sign_body`). Header signing only.
        public var addContentSHA256Header: Bool
        /// Leave the session token out of the signature: `X-Amz-Security-Token` is added after signing and is
        /// not in `SignedHeaders` (the test suite's `omit_session_token`, `post-sts-header-after`).
        public var omitSessionTokenFromSignature: Bool
        /// Sign the literal `UNSIGNED-PAYLOAD` instead of the body hash (S3 presigned URLs).
        public var unsignedPayload: Bool

        /// Options for one service; the defaults are those of every AWS service except S3 (see ``s3``).
        public init(
            doubleURIEncode: Bool = true,
            normalizePath: Bool = true,
            addContentSHA256Header: Bool = false,
            omitSessionTokenFromSignature: Bool = false,
            unsignedPayload: Bool = false
        ) {
            self.doubleURIEncode = doubleURIEncode
            self.normalizePath = normalizePath
            self.addContentSHA256Header = addContentSHA256Header
            self.omitSessionTokenFromSignature = omitSessionTokenFromSignature
            self.unsignedPayload = unsignedPayload
        }

        /// Amazon S3 rules: single encoding, no path normalization, a signed `x-amz-content-sha256` header.
        public static var s3: Options {
            Options(doubleURIEncode: false, normalizePath: false, addContentSHA256Header: true)
        }
    }
}
