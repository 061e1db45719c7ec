#pragma once
#include <napi.h>

namespace parley {
void InitOpus(Napi::Env env, Napi::Object exports);
void InitVp9Encoder(Napi::Env env, Napi::Object exports);
void InitVp9Decoder(Napi::Env env, Napi::Object exports);

// Largest frame size found in a VP9 packet's uncompressed headers (0 if the
// frame takes its size from a reference). Throws CodecFailure on a malformed
// superframe index. Lets us refuse absurd dimensions before libvpx allocates.
struct Vp9DeclaredSize {
  unsigned width = 0;
  unsigned height = 0;
};
Vp9DeclaredSize Vp9LargestDeclaredSize(const uint8_t* data, size_t size);
}  // namespace parley
