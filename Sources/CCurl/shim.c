#include "CCurl.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

CURLcode ccurl_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

CURLcode ccurl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode ccurl_easy_setopt_data_callback(CURL *handle, CURLoption option, ccurl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

CURLcode ccurl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode ccurl_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode ccurl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode ccurl_easy_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

void *ccurl_easy_private(CURL *handle) {
    char *pointer = NULL;
    if (curl_easy_getinfo(handle, CURLINFO_PRIVATE, &pointer) != CURLE_OK) return NULL;
    return pointer;
}

static void copy_openssl_error(char *error, size_t capacity) {
    if (error == NULL || capacity == 0) return;
    unsigned long code = ERR_get_error();
    if (code == 0) {
        strncpy(error, "unknown OpenSSL error", capacity - 1);
        error[capacity - 1] = 0;
    } else {
        ERR_error_string_n(code, error, capacity);
    }
    ERR_clear_error();
}

static EVP_PKEY *read_private_key(const char *pem) {
    BIO *bio = BIO_new_mem_buf(pem, -1);
    if (bio == NULL) return NULL;
    EVP_PKEY *key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
    BIO_free(bio);
    return key;
}

static EVP_PKEY *read_public_key(const char *pem) {
    BIO *bio = BIO_new_mem_buf(pem, -1);
    if (bio == NULL) return NULL;
    EVP_PKEY *key = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
    if (key == NULL) {
        // Google publishes service account keys as X.509 certificates.
        ERR_clear_error();
        (void)BIO_reset(bio);
        X509 *certificate = PEM_read_bio_X509(bio, NULL, NULL, NULL);
        if (certificate != NULL) {
            key = X509_get_pubkey(certificate);
            X509_free(certificate);
        }
    }
    BIO_free(bio);
    ERR_clear_error();
    return key;
}

int ccrypto_rs256_sign(const char *private_key_pem, const uint8_t *data, size_t data_length,
                       uint8_t **signature, size_t *signature_length,
                       char *error, size_t error_capacity) {
    *signature = NULL;
    *signature_length = 0;
    EVP_PKEY *key = read_private_key(private_key_pem);
    if (key == NULL) {
        copy_openssl_error(error, error_capacity);
        return 0;
    }
    int ok = 0;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    size_t length = 0;
    if (context != NULL
        && EVP_DigestSignInit(context, NULL, EVP_sha256(), NULL, key) == 1
        && EVP_DigestSign(context, NULL, &length, data, data_length) == 1) {
        uint8_t *buffer = malloc(length);
        if (buffer != NULL && EVP_DigestSign(context, buffer, &length, data, data_length) == 1) {
            *signature = buffer;
            *signature_length = length;
            ok = 1;
        } else {
            free(buffer);
        }
    }
    if (!ok) copy_openssl_error(error, error_capacity);
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return ok;
}

int ccrypto_rs256_verify(const char *public_key_pem, const uint8_t *data, size_t data_length,
                         const uint8_t *signature, size_t signature_length) {
    EVP_PKEY *key = read_public_key(public_key_pem);
    if (key == NULL) return -1;
    int result = 0;
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context != NULL
        && EVP_DigestVerifyInit(context, NULL, EVP_sha256(), NULL, key) == 1
        && EVP_DigestVerify(context, signature, signature_length, data, data_length) == 1) {
        result = 1;
    }
    ERR_clear_error();
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(key);
    return result;
}

static char *bio_to_string(BIO *bio) {
    char *contents = NULL;
    long length = BIO_get_mem_data(bio, &contents);
    if (length <= 0) return NULL;
    char *copy = malloc((size_t)length + 1);
    if (copy == NULL) return NULL;
    memcpy(copy, contents, (size_t)length);
    copy[length] = 0;
    return copy;
}

static char *public_pem(EVP_PKEY *key) {
    BIO *bio = BIO_new(BIO_s_mem());
    char *result = NULL;
    if (bio != NULL && PEM_write_bio_PUBKEY(bio, key) == 1) result = bio_to_string(bio);
    BIO_free(bio);
    return result;
}

int ccrypto_rsa_generate(int bits, char **private_key_pem, char **public_key_pem) {
    *private_key_pem = NULL;
    *public_key_pem = NULL;
    EVP_PKEY *key = EVP_RSA_gen((unsigned int)bits);
    if (key == NULL) return 0;
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio != NULL && PEM_write_bio_PKCS8PrivateKey(bio, key, NULL, NULL, 0, NULL, NULL) == 1) {
        *private_key_pem = bio_to_string(bio);
    }
    BIO_free(bio);
    *public_key_pem = public_pem(key);
    EVP_PKEY_free(key);
    if (*private_key_pem == NULL || *public_key_pem == NULL) {
        free(*private_key_pem);
        free(*public_key_pem);
        *private_key_pem = NULL;
        *public_key_pem = NULL;
        return 0;
    }
    return 1;
}

char *ccrypto_public_key_of(const char *private_key_pem) {
    EVP_PKEY *key = read_private_key(private_key_pem);
    if (key == NULL) {
        ERR_clear_error();
        return NULL;
    }
    char *result = public_pem(key);
    EVP_PKEY_free(key);
    return result;
}

void ccrypto_free(void *pointer) { free(pointer); }

int ccrypto_sha256(const uint8_t *data, size_t data_length, uint8_t digest[32]) {
    unsigned int length = 0;
    return EVP_Digest(data, data_length, digest, &length, EVP_sha256(), NULL) == 1 && length == 32;
}

/// Gives a finished stream's `buffer` to the caller (1); frees an unfinished one's (0).
static int hand_over(int finished, uint8_t *buffer, size_t produced, uint8_t **output, size_t *output_length) {
    if (!finished) {
        free(buffer);
        return 0;
    }
    *output = buffer;
    *output_length = produced;
    return 1;
}

int ccompress_gzip(const uint8_t *data, size_t data_length, int level, uint8_t **output, size_t *output_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // 15 + 16: a gzip wrapper with zlib's default header (no name, mtime 0).
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    uLong bound = deflateBound(&stream, (uLong)data_length) + 32;
    uint8_t *buffer = malloc(bound);
    if (buffer == NULL) {
        deflateEnd(&stream);
        return 0;
    }
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)data_length;
    stream.next_out = buffer;
    stream.avail_out = (uInt)bound;
    int result = deflate(&stream, Z_FINISH);
    size_t produced = stream.total_out;
    deflateEnd(&stream);
    return hand_over(result == Z_STREAM_END, buffer, produced, output, output_length);
}

int cdecompress_gzip(const uint8_t *data, size_t data_length, size_t limit, uint8_t **output, size_t *output_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // 15 + 16: gzip only (no zlib or raw deflate).
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return 0;
    size_t capacity = data_length * 4 + 1024;
    if (capacity > limit) capacity = limit;
    uint8_t *buffer = malloc(capacity);
    if (buffer == NULL) {
        inflateEnd(&stream);
        return 0;
    }
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)data_length;
    int result = Z_OK;
    while (result != Z_STREAM_END) {
        if (stream.total_out == capacity) {
            if (capacity >= limit) break;
            size_t grown = capacity * 2 > limit ? limit : capacity * 2;
            uint8_t *larger = realloc(buffer, grown);
            if (larger == NULL) break;
            buffer = larger;
            capacity = grown;
        }
        stream.next_out = buffer + stream.total_out;
        stream.avail_out = (uInt)(capacity - stream.total_out);
        result = inflate(&stream, Z_NO_FLUSH);
        if (result != Z_OK && result != Z_STREAM_END) break;
        if (result == Z_OK && stream.avail_in == 0 && stream.avail_out > 0) break;  // truncated input
    }
    size_t produced = stream.total_out;
    inflateEnd(&stream);
    return hand_over(result == Z_STREAM_END, buffer, produced, output, output_length);
}
