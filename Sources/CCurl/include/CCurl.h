// A thin C surface over libcurl, OpenSSL and zlib that Swift can call.
//
// Swift cannot call C variadic functions, so curl_easy_setopt / curl_easy_getinfo /
// curl_multi_setopt get one typed wrapper per argument kind. The RS256 helpers keep
// OpenSSL's EVP API (and its memory ownership rules) on the C side.
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>

// MARK: libcurl

typedef size_t (*ccurl_data_callback)(char *data, size_t size, size_t count, void *userdata);

CURLcode ccurl_global_init(void);
CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value);
CURLcode ccurl_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value);
CURLcode ccurl_easy_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback);
CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode ccurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);
CURLcode ccurl_easy_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value);
CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/// The private pointer set with CURLOPT_PRIVATE, or NULL.
void *ccurl_easy_private(CURL *handle);

// MARK: OpenSSL

/// Signs `data` with RSASSA-PKCS1-v1_5 over SHA-256 using a PEM private key (PKCS#1 or
/// PKCS#8). On success returns 1 and sets *signature (free with ccrypto_free) and
/// *signature_length; on failure returns 0 and writes OpenSSL's reason into `error`.
int ccrypto_rs256_sign(const char *private_key_pem, const uint8_t *data, size_t data_length,
                       uint8_t **signature, size_t *signature_length,
                       char *error, size_t error_capacity);

/// Verifies an RS256 signature with a PEM public key ("PUBLIC KEY") or X.509 certificate.
/// Returns 1 when the signature is valid, 0 when it is not, -1 when the key cannot be read.
int ccrypto_rs256_verify(const char *public_key_pem, const uint8_t *data, size_t data_length,
                         const uint8_t *signature, size_t signature_length);

/// Generates an RSA key pair; returns 1 and two NUL-terminated PEM strings (PKCS#8 private
/// key, SubjectPublicKeyInfo public key) to free with ccrypto_free, or 0.
int ccrypto_rsa_generate(int bits, char **private_key_pem, char **public_key_pem);

/// The SubjectPublicKeyInfo PEM of a private key, or NULL. Free with ccrypto_free.
char *ccrypto_public_key_of(const char *private_key_pem);

void ccrypto_free(void *pointer);

/// SHA-256 of `data` into `digest` (32 bytes). Returns 1, or 0 on failure.
int ccrypto_sha256(const uint8_t *data, size_t data_length, uint8_t digest[32]);

// MARK: zlib

/// `data` compressed as a gzip member (RFC 1952) with no file name and mtime 0, so equal
/// input gives equal output. Returns 1 and sets *output (free with ccrypto_free) and
/// *output_length, or 0.
int ccompress_gzip(const uint8_t *data, size_t data_length, int level, uint8_t **output, size_t *output_length);

/// `data`, a gzip stream, decompressed: at most `limit` bytes, so that a hostile archive
/// cannot fill memory. Returns 1 and sets *output (free with ccrypto_free) and
/// *output_length, or 0 when it is not gzip, is damaged, or inflates past `limit`.
int cdecompress_gzip(const uint8_t *data, size_t data_length, size_t limit, uint8_t **output, size_t *output_length);

/// Catches `signals` with a handler that writes each signal's number, as one byte, to a
/// pipe, and returns the pipe's read end (or -1). No signal is lost or ignored from the
/// moment this returns, unlike a signal disposition set to SIG_IGN before a dispatch source
/// is listening.
int csignals_install(const int *signals, int count);

#endif
