// libvpx VP9 decoder to contiguous I420. Bitstreams from the network are
// untrusted: sizes are checked before libvpx sees the packet, and any
// libvpx error becomes a typed JS error instead of a crash.
#include <vpx/vp8dx.h>
#include <vpx/vpx_decoder.h>

#include <cstring>
#include <mutex>
#include <vector>

#include "codecs.h"
#include "common.h"

namespace parley {
namespace {

constexpr unsigned kMaxDimensionPx = 4096;             // mirrors MAX_VIDEO_WIDTH_PX / MAX_VIDEO_HEIGHT_PX
constexpr size_t kMaxPacketBytes = 4 * 1024 * 1024;  // mirrors MAX_VIDEO_PAYLOAD_BYTES

struct DecodedFrame {
  std::unique_ptr<std::vector<uint8_t>> data;
  int width = 0;
  int height = 0;
};

class Vp9DecoderCore {
 public:
  explicit Vp9DecoderCore(int threads) : threads_(threads) { Open(); }
  ~Vp9DecoderCore() { vpx_codec_destroy(&ctx_); }
  Vp9DecoderCore(const Vp9DecoderCore&) = delete;
  Vp9DecoderCore& operator=(const Vp9DecoderCore&) = delete;

  DecodedFrame Decode(const uint8_t* data, size_t size) {
    std::lock_guard<std::mutex> lock(mu_);
    Vp9DeclaredSize declared = Vp9LargestDeclaredSize(data, size);
    if (declared.width > kMaxDimensionPx || declared.height > kMaxDimensionPx) {
      throw CodecFailure(kErrFrameTooLarge, "VP9 frame declares " + std::to_string(declared.width) + "x" +
                                                std::to_string(declared.height) + ", above the 4096 px limit");
    }
    if (vpx_codec_decode(&ctx_, data, static_cast<unsigned>(size), nullptr, 0) != VPX_CODEC_OK) {
      std::string msg = std::string("vpx_codec_decode: ") + vpx_codec_error(&ctx_);
      const char* detail = vpx_codec_error_detail(&ctx_);
      if (detail) msg += std::string(" (") + detail + ")";
      // libvpx can leak frame-buffer references after a corrupt frame and then
      // refuse every later packet; a fresh context simply waits for a keyframe,
      // which is what a corrupt stream needs anyway.
      vpx_codec_destroy(&ctx_);
      Open();
      throw CodecFailure(kErrCorruptBitstream, msg);
    }
    DecodedFrame out;
    vpx_codec_iter_t iter = nullptr;
    vpx_image_t* img = nullptr;
    vpx_image_t* last = nullptr;
    while ((img = vpx_codec_get_frame(&ctx_, &iter)) != nullptr) last = img;
    if (last == nullptr) return out;
    if (last->fmt != VPX_IMG_FMT_I420) {
      throw CodecFailure(kErrUnsupportedFormat, "VP9 stream is not 8-bit 4:2:0 (profile 0)");
    }
    const int w = static_cast<int>(last->d_w);
    const int h = static_cast<int>(last->d_h);
    const int cw = (w + 1) / 2;
    const int ch = (h + 1) / 2;
    out.width = w;
    out.height = h;
    out.data = std::make_unique<std::vector<uint8_t>>(static_cast<size_t>(w) * h + 2 * static_cast<size_t>(cw) * ch);
    uint8_t* dst = out.data->data();
    auto copyPlane = [&dst](const uint8_t* src, int stride, int pw, int ph) {
      for (int y = 0; y < ph; y++) {
        std::memcpy(dst, src + static_cast<ptrdiff_t>(y) * stride, static_cast<size_t>(pw));
        dst += pw;
      }
    };
    copyPlane(last->planes[VPX_PLANE_Y], last->stride[VPX_PLANE_Y], w, h);
    copyPlane(last->planes[VPX_PLANE_U], last->stride[VPX_PLANE_U], cw, ch);
    copyPlane(last->planes[VPX_PLANE_V], last->stride[VPX_PLANE_V], cw, ch);
    return out;
  }

 private:
  void Open() {
    vpx_codec_dec_cfg_t cfg{};
    cfg.threads = static_cast<unsigned>(threads_);
    if (vpx_codec_dec_init(&ctx_, vpx_codec_vp9_dx(), &cfg, 0) != VPX_CODEC_OK) {
      throw CodecFailure(kErrCodec, std::string("vpx_codec_dec_init: ") + vpx_codec_error(&ctx_));
    }
  }

  int threads_;
  vpx_codec_ctx_t ctx_{};
  std::mutex mu_;
};

Napi::Value FrameToJs(Napi::Env env, DecodedFrame& f) {
  if (!f.data) return env.Null();
  std::vector<uint8_t>* vec = f.data.release();
  // Hands the decoded planes to JS without a copy; freed when the Buffer is collected.
  Napi::Buffer<uint8_t> buf = Napi::Buffer<uint8_t>::New(
      env, vec->data(), vec->size(), [](Napi::Env, uint8_t*, std::vector<uint8_t>* v) { delete v; }, vec);
  Napi::Object o = Napi::Object::New(env);
  o.Set("data", buf);
  o.Set("width", f.width);
  o.Set("height", f.height);
  return o;
}

class Vp9DecoderWrap : public Napi::ObjectWrap<Vp9DecoderWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Vp9Decoder",
                       {InstanceMethod("decodeSync", &Vp9DecoderWrap::DecodeSync),
                        InstanceMethod("decode", &Vp9DecoderWrap::DecodeAsync),
                        InstanceMethod("close", &Vp9DecoderWrap::Close)});
  }

  // new Vp9Decoder(threads)
  explicit Vp9DecoderWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Vp9DecoderWrap>(info) {
    int threads = info[0].IsUndefined() ? 1 : GetInt(info[0], "threads");
    if (threads < 1 || threads > 16) ThrowCode(info.Env(), kErrInvalidArgument, "threads must be 1..16");
    try {
      core_ = std::make_unique<Vp9DecoderCore>(threads);
    } catch (const CodecFailure& f) {
      ThrowCode(info.Env(), f.code, f.what());
    }
  }

 private:
  std::vector<uint8_t> TakePacket(const Napi::CallbackInfo& info) {
    if (!core_) ThrowCode(info.Env(), kErrClosed, "VP9 decoder is closed");
    ByteView v = GetBytes(info[0], "packet");
    if (v.length == 0 || v.length > kMaxPacketBytes) ThrowCode(info.Env(), kErrInvalidArgument, "packet size out of range");
    return std::vector<uint8_t>(v.data, v.data + v.length);
  }

  Napi::Value DecodeSync(const Napi::CallbackInfo& info) {
    std::vector<uint8_t> packet = TakePacket(info);
    try {
      DecodedFrame f = core_->Decode(packet.data(), packet.size());
      return FrameToJs(info.Env(), f);
    } catch (const CodecFailure& f) {
      ThrowCode(info.Env(), f.code, f.what());
    }
  }

  Napi::Value DecodeAsync(const Napi::CallbackInfo& info) {
    auto packet = std::make_shared<std::vector<uint8_t>>(TakePacket(info));
    Vp9DecoderCore* core = core_.get();
    inflight_++;
    auto* worker = new PromiseWorker<DecodedFrame>(
        info.Env(), info.This().As<Napi::Object>(), [core, packet]() { return core->Decode(packet->data(), packet->size()); },
        FrameToJs, [this]() { inflight_--; });
    worker->Queue();
    return worker->Promise();
  }

  Napi::Value Close(const Napi::CallbackInfo& info) {
    if (inflight_ > 0) ThrowCode(info.Env(), kErrBusy, "cannot close while a decode is in flight");
    core_.reset();
    return info.Env().Undefined();
  }

  std::unique_ptr<Vp9DecoderCore> core_;
  int inflight_ = 0;
};

}  // namespace

void InitVp9Decoder(Napi::Env env, Napi::Object exports) {
  exports.Set("Vp9Decoder", Vp9DecoderWrap::Define(env));
}

}  // namespace parley
