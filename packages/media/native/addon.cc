#include <opus.h>
#include <vpx/vpx_codec.h>

#include "codecs.h"
#include "common.h"

namespace parley {

static Napi::Value Versions(const Napi::CallbackInfo& info) {
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("opus", opus_get_version_string());
  out.Set("vpx", vpx_codec_version_str());
  return out;
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("versions", Napi::Function::New(env, Versions));
  InitOpus(env, exports);
  InitVp9Encoder(env, exports);
  InitVp9Decoder(env, exports);
  return exports;
}

}  // namespace parley

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return parley::Init(env, exports); }

NODE_API_MODULE(parley_media, InitAddon)
