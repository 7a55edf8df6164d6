/* OpenSSL's GOST engine (gost-engine, Debian's libengine-gost-openssl)
 * verifying GOST R 34.10-2012 signatures, one parameter set after another:
 * the figure Nomir's own GOST verification is held to, signature for
 * signature, on the same machine in the same run (scripts/gost-speed.sh).
 * For each set: a key, a signature of a fixed digest, then EVP_PKEY_verify
 * in a loop on one core. Prints "<set>: <n> verifications/s", the set named
 * as Nomir's bench names it. */
#include <openssl/engine.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static int fail(const char *what) {
  fprintf(stderr, "openssl_gost_speed: %s\n", what);
  ERR_print_errors_fp(stderr);
  return 1;
}

int main(void) {
  /* gost-engine's paramset names (gost_pmeth.c) and Nomir's. */
  static const struct { int bits; const char *paramset, *name; } sets[] = {
      {256, "TCA", "Tc26_256A"},     {256, "A", "CryptoPro256A"},
      {256, "B", "CryptoPro256B"},   {256, "C", "CryptoPro256C"},
      {512, "A", "Tc26_512A"},       {512, "B", "Tc26_512B"},
      {512, "C", "Tc26_512C"},
  };
  ENGINE_load_builtin_engines();
  ENGINE *e = ENGINE_by_id("gost");
  if (!e || !ENGINE_init(e) || !ENGINE_set_default(e, ENGINE_METHOD_ALL))
    return fail("no GOST engine");
  for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
    int bits = sets[i].bits;
    int nid = bits == 256 ? NID_id_GostR3410_2012_256 : NID_id_GostR3410_2012_512;
    EVP_PKEY *params = NULL, *key = NULL;
    EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_id(nid, e);
    if (!pc || EVP_PKEY_paramgen_init(pc) <= 0 ||
        EVP_PKEY_CTX_ctrl_str(pc, "paramset", sets[i].paramset) <= 0 ||
        EVP_PKEY_paramgen(pc, &params) <= 0)
      return fail(sets[i].name);
    EVP_PKEY_CTX *kc = EVP_PKEY_CTX_new(params, e);
    if (!kc || EVP_PKEY_keygen_init(kc) <= 0 || EVP_PKEY_keygen(kc, &key) <= 0)
      return fail("keygen");
    unsigned char digest[64], sig[128];
    size_t dlen = bits / 8, slen = sizeof sig;
    memset(digest, 5, sizeof digest);
    EVP_PKEY_CTX *sc = EVP_PKEY_CTX_new(key, e);
    if (!sc || EVP_PKEY_sign_init(sc) <= 0 || EVP_PKEY_sign(sc, sig, &slen, digest, dlen) <= 0)
      return fail("sign");
    EVP_PKEY_CTX *vc = EVP_PKEY_CTX_new(key, e);
    if (!vc || EVP_PKEY_verify_init(vc) <= 0) return fail("verify init");
    int runs = bits == 256 ? 3000 : 300;
    double t = now();
    for (int j = 0; j < runs; j++)
      if (EVP_PKEY_verify(vc, sig, slen, digest, dlen) != 1) return fail("a valid signature refused");
    printf("%s: %.0f verifications/s\n", sets[i].name, runs / (now() - t));
    EVP_PKEY_CTX_free(vc);
    EVP_PKEY_CTX_free(sc);
    EVP_PKEY_CTX_free(kc);
    EVP_PKEY_CTX_free(pc);
    EVP_PKEY_free(key);
    EVP_PKEY_free(params);
  }
  ENGINE_finish(e);
  ENGINE_free(e);
  return 0;
}
