// libvpx VP9 realtime encoder. Bitrate changes and forced keyframes are
// queued and applied by the thread that runs the next encode; a frame whose
// size differs from the current configuration reconfigures the encoder
// (in place when it fits the initial allocation, otherwise by re-creating it,
// because libvpx 1.12 mishandles growing past the initial size).
#include <vpx/vp8cx.h>
#include <vpx/vpx_encoder.h>

#include <mutex>
#include <vector>

#include "codecs.h"
#include "common.h"

namespace parley {
namespace {

constexpr int kTimebaseHz = 90000;
constexpr int kMaxDimensionPx = 4096;  // mirrors MAX_VIDEO_WIDTH_PX / MAX_VIDEO_HEIGHT_PX

struct Vp9Settings {
  int width = 640;
  int height = 480;
  int frameRate = 30;
  int bitrateKbps = 1000;
  int cpuUsed = 8;
  int threads = 1;
  int minQuantizer = 2;
  int maxQuantizer = 56;
  int keyframeInterval = 300;
  bool errorResilient = false;
  int temporalLayers = 1;
  int dropFrameThreshold = 0;
};

struct EncodedPacket {
  std::vector<uint8_t> data;
  bool keyframe = false;
  int temporalLayer = 0;
  int64_t pts = 0;
};

struct EncodeResult {
  std::vector<EncodedPacket> packets;
  int width = 0;
  int height = 0;
};

std::string VpxMessage(vpx_codec_ctx_t* ctx, const char* what) {
  std::string msg = std::string(what) + ": " + vpx_codec_error(ctx);
  const char* detail = vpx_codec_error_detail(ctx);
  if (detail) msg += std::string(" (") + detail + ")";
  return msg;
}

class Vp9EncoderCore {
 public:
  explicit Vp9EncoderCore(const Vp9Settings& s) : s_(s) { Open(s.width, s.height); }
  ~Vp9EncoderCore() { CloseCodec(); }
  Vp9EncoderCore(const Vp9EncoderCore&) = delete;
  Vp9EncoderCore& operator=(const Vp9EncoderCore&) = delete;

  void QueueBitrate(int kbps) {
    std::lock_guard<std::mutex> lock(pendingMu_);
    pendingBitrateKbps_ = kbps;
  }
  void QueueKeyframe() {
    std::lock_guard<std::mutex> lock(pendingMu_);
    pendingKeyframe_ = true;
  }

  EncodeResult Encode(const uint8_t* i420, int width, int height, int64_t pts, bool forceKeyframe) {
    std::lock_guard<std::mutex> lock(codecMu_);
    if (!open_) Open(static_cast<int>(cfg_.g_w), static_cast<int>(cfg_.g_h));  // a failed re-create is retried
    int bitrate = -1;
    {
      std::lock_guard<std::mutex> lock2(pendingMu_);
      bitrate = pendingBitrateKbps_;
      pendingBitrateKbps_ = -1;
      forceKeyframe = forceKeyframe || pendingKeyframe_;
      pendingKeyframe_ = false;
    }
    if (bitrate > 0 && bitrate != s_.bitrateKbps) {
      s_.bitrateKbps = bitrate;
      ApplyBitrate(cfg_);
      if (vpx_codec_enc_config_set(&ctx_, &cfg_) != VPX_CODEC_OK) {
        throw CodecFailure(kErrCodec, VpxMessage(&ctx_, "vpx_codec_enc_config_set(bitrate)"));
      }
    }
    if (width != static_cast<int>(cfg_.g_w) || height != static_cast<int>(cfg_.g_h)) Resize(width, height);

    vpx_image_t img;
    if (!vpx_img_wrap(&img, VPX_IMG_FMT_I420, width, height, 1, const_cast<uint8_t*>(i420))) {
      throw CodecFailure(kErrInvalidArgument, "vpx_img_wrap failed");
    }
    if (pts <= lastPts_) pts = lastPts_ + 1;  // libvpx requires strictly increasing timestamps
    lastPts_ = pts;
    const unsigned long duration = static_cast<unsigned long>(kTimebaseHz / s_.frameRate);
    vpx_enc_frame_flags_t flags = forceKeyframe ? VPX_EFLAG_FORCE_KF : 0;
    if (vpx_codec_encode(&ctx_, &img, pts, duration, flags, VPX_DL_REALTIME) != VPX_CODEC_OK) {
      throw CodecFailure(kErrCodec, VpxMessage(&ctx_, "vpx_codec_encode"));
    }
    EncodeResult result;
    result.width = width;
    result.height = height;
    int layer = 0;
    if (s_.temporalLayers > 1) {
      vpx_svc_layer_id_t id{};
      if (vpx_codec_control(&ctx_, VP9E_GET_SVC_LAYER_ID, &id) == VPX_CODEC_OK) layer = id.temporal_layer_id;
    }
    vpx_codec_iter_t iter = nullptr;
    const vpx_codec_cx_pkt_t* pkt;
    while ((pkt = vpx_codec_get_cx_data(&ctx_, &iter)) != nullptr) {
      if (pkt->kind != VPX_CODEC_CX_FRAME_PKT) continue;
      EncodedPacket p;
      const uint8_t* buf = static_cast<const uint8_t*>(pkt->data.frame.buf);
      p.data.assign(buf, buf + pkt->data.frame.sz);
      p.keyframe = (pkt->data.frame.flags & VPX_FRAME_IS_KEY) != 0;
      p.temporalLayer = p.keyframe ? 0 : layer;
      p.pts = pkt->data.frame.pts;
      result.packets.push_back(std::move(p));
    }
    return result;
  }

 private:
  void ApplyBitrate(vpx_codec_enc_cfg_t& cfg) {
    cfg.rc_target_bitrate = static_cast<unsigned>(s_.bitrateKbps);
    // Cumulative per-layer targets; shares follow common practice for 2 and 3 layers.
    static const int kShare2[] = {60, 100};
    static const int kShare3[] = {40, 60, 100};
    for (int i = 0; i < s_.temporalLayers && s_.temporalLayers > 1; i++) {
      int pct = s_.temporalLayers == 2 ? kShare2[i] : kShare3[i];
      cfg.ts_target_bitrate[i] = static_cast<unsigned>(s_.bitrateKbps * pct / 100);
      cfg.layer_target_bitrate[i] = cfg.ts_target_bitrate[i];
    }
  }

  void Open(int width, int height) {
    vpx_codec_iface_t* iface = vpx_codec_vp9_cx();
    if (vpx_codec_enc_config_default(iface, &cfg_, 0) != VPX_CODEC_OK) {
      throw CodecFailure(kErrCodec, "vpx_codec_enc_config_default failed");
    }
    cfg_.g_w = static_cast<unsigned>(width);
    cfg_.g_h = static_cast<unsigned>(height);
    cfg_.g_timebase.num = 1;
    cfg_.g_timebase.den = kTimebaseHz;
    cfg_.g_threads = static_cast<unsigned>(s_.threads);
    cfg_.g_lag_in_frames = 0;
    cfg_.g_pass = VPX_RC_ONE_PASS;
    // With temporal layers, base frames would otherwise inherit entropy
    // contexts adapted by upper-layer frames, so dropping those breaks decoding.
    cfg_.g_error_resilient = (s_.errorResilient || s_.temporalLayers > 1) ? VPX_ERROR_RESILIENT_DEFAULT : 0;
    cfg_.rc_end_usage = VPX_CBR;
    cfg_.rc_min_quantizer = static_cast<unsigned>(s_.minQuantizer);
    cfg_.rc_max_quantizer = static_cast<unsigned>(s_.maxQuantizer);
    cfg_.rc_undershoot_pct = 50;
    cfg_.rc_overshoot_pct = 50;
    cfg_.rc_buf_initial_sz = 500;
    cfg_.rc_buf_optimal_sz = 600;
    cfg_.rc_buf_sz = 1000;
    cfg_.rc_dropframe_thresh = static_cast<unsigned>(s_.dropFrameThreshold);
    cfg_.kf_mode = s_.keyframeInterval > 0 ? VPX_KF_AUTO : VPX_KF_DISABLED;
    cfg_.kf_min_dist = 0;
    cfg_.kf_max_dist = static_cast<unsigned>(s_.keyframeInterval > 0 ? s_.keyframeInterval : 0);
    if (s_.temporalLayers > 1) {
      cfg_.ss_number_layers = 1;
      cfg_.ts_number_layers = static_cast<unsigned>(s_.temporalLayers);
      if (s_.temporalLayers == 2) {
        cfg_.ts_periodicity = 2;
        cfg_.ts_layer_id[0] = 0;
        cfg_.ts_layer_id[1] = 1;
        cfg_.ts_rate_decimator[0] = 2;
        cfg_.ts_rate_decimator[1] = 1;
        cfg_.temporal_layering_mode = VP9E_TEMPORAL_LAYERING_MODE_0101;
      } else {
        cfg_.ts_periodicity = 4;
        const unsigned ids[] = {0, 2, 1, 2};
        for (int i = 0; i < 4; i++) cfg_.ts_layer_id[i] = ids[i];
        cfg_.ts_rate_decimator[0] = 4;
        cfg_.ts_rate_decimator[1] = 2;
        cfg_.ts_rate_decimator[2] = 1;
        cfg_.temporal_layering_mode = VP9E_TEMPORAL_LAYERING_MODE_0212;
      }
    }
    ApplyBitrate(cfg_);
    if (vpx_codec_enc_init(&ctx_, iface, &cfg_, 0) != VPX_CODEC_OK) {
      throw CodecFailure(kErrCodec, VpxMessage(&ctx_, "vpx_codec_enc_init"));
    }
    open_ = true;
    initialWidth_ = width;
    initialHeight_ = height;
    int tileColumnsLog2 = s_.threads >= 4 ? 2 : (s_.threads >= 2 ? 1 : 0);
    vpx_codec_control(&ctx_, VP8E_SET_CPUUSED, s_.cpuUsed);
    vpx_codec_control(&ctx_, VP9E_SET_AQ_MODE, 3);  // cyclic refresh: steadier quality at low delay
    vpx_codec_control(&ctx_, VP9E_SET_TILE_COLUMNS, tileColumnsLog2);
    vpx_codec_control(&ctx_, VP9E_SET_ROW_MT, s_.threads > 1 ? 1 : 0);
    vpx_codec_control(&ctx_, VP9E_SET_FRAME_PARALLEL_DECODING, 0);
    vpx_codec_control(&ctx_, VP9E_SET_GF_CBR_BOOST_PCT, 0);
    vpx_codec_control(&ctx_, VP9E_SET_NOISE_SENSITIVITY, 0);
    vpx_codec_control(&ctx_, VP8E_SET_MAX_INTRA_BITRATE_PCT, 300);  // keeps keyframes from bursting the link
    if (s_.temporalLayers > 1) {
      vpx_codec_control(&ctx_, VP9E_SET_SVC, 1);
      vpx_svc_extra_cfg_t svc{};
      for (int i = 0; i < s_.temporalLayers; i++) {
        svc.max_quantizers[i] = s_.maxQuantizer;
        svc.min_quantizers[i] = s_.minQuantizer;
      }
      svc.scaling_factor_num[0] = 1;
      svc.scaling_factor_den[0] = 1;
      vpx_codec_control(&ctx_, VP9E_SET_SVC_PARAMETERS, &svc);
    }
  }

  void CloseCodec() {
    if (open_) vpx_codec_destroy(&ctx_);
    open_ = false;
  }

  void Resize(int width, int height) {
    if (width <= initialWidth_ && height <= initialHeight_) {
      vpx_codec_enc_cfg_t next = cfg_;
      next.g_w = static_cast<unsigned>(width);
      next.g_h = static_cast<unsigned>(height);
      if (vpx_codec_enc_config_set(&ctx_, &next) == VPX_CODEC_OK) {
        cfg_ = next;
        return;
      }
    }
    CloseCodec();
    Open(width, height);
  }

  Vp9Settings s_;
  vpx_codec_ctx_t ctx_{};
  vpx_codec_enc_cfg_t cfg_{};
  bool open_ = false;
  int initialWidth_ = 0;
  int initialHeight_ = 0;
  int64_t lastPts_ = -1;
  std::mutex codecMu_;
  std::mutex pendingMu_;
  int pendingBitrateKbps_ = -1;
  bool pendingKeyframe_ = false;
};

int GetField(const Napi::Object& o, const char* key, int fallback) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined()) return fallback;
  return GetInt(v, key);
}

Napi::Value ResultToJs(Napi::Env env, EncodeResult& r) {
  Napi::Array arr = Napi::Array::New(env, r.packets.size());
  for (size_t i = 0; i < r.packets.size(); i++) {
    EncodedPacket& p = r.packets[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("data", Napi::Buffer<uint8_t>::Copy(env, p.data.data(), p.data.size()));
    o.Set("keyframe", p.keyframe);
    o.Set("temporalLayer", p.temporalLayer);
    o.Set("pts", Napi::Number::New(env, static_cast<double>(p.pts)));
    o.Set("width", r.width);
    o.Set("height", r.height);
    arr.Set(static_cast<uint32_t>(i), o);
  }
  return arr;
}

class Vp9EncoderWrap : public Napi::ObjectWrap<Vp9EncoderWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "Vp9Encoder",
                       {InstanceMethod("encodeSync", &Vp9EncoderWrap::EncodeSync),
                        InstanceMethod("encode", &Vp9EncoderWrap::EncodeAsync),
                        InstanceMethod("setBitrate", &Vp9EncoderWrap::SetBitrate),
                        InstanceMethod("forceKeyframe", &Vp9EncoderWrap::ForceKeyframe),
                        InstanceMethod("close", &Vp9EncoderWrap::Close)});
  }

  // new Vp9Encoder({ width, height, frameRate, bitrateKbps, cpuUsed, threads, minQuantizer,
  //                  maxQuantizer, keyframeInterval, errorResilient, temporalLayers, dropFrameThreshold })
  explicit Vp9EncoderWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Vp9EncoderWrap>(info) {
    Napi::Env env = info.Env();
    if (!info[0].IsObject()) ThrowCode(env, kErrInvalidArgument, "options object required");
    Napi::Object o = info[0].As<Napi::Object>();
    Vp9Settings s;
    s.width = GetField(o, "width", s.width);
    s.height = GetField(o, "height", s.height);
    s.frameRate = GetField(o, "frameRate", s.frameRate);
    s.bitrateKbps = GetField(o, "bitrateKbps", s.bitrateKbps);
    s.cpuUsed = GetField(o, "cpuUsed", s.cpuUsed);
    s.threads = GetField(o, "threads", s.threads);
    s.minQuantizer = GetField(o, "minQuantizer", s.minQuantizer);
    s.maxQuantizer = GetField(o, "maxQuantizer", s.maxQuantizer);
    s.keyframeInterval = GetField(o, "keyframeInterval", s.keyframeInterval);
    s.errorResilient = o.Get("errorResilient").ToBoolean();
    s.temporalLayers = GetField(o, "temporalLayers", s.temporalLayers);
    s.dropFrameThreshold = GetField(o, "dropFrameThreshold", s.dropFrameThreshold);
    CheckDims(env, s.width, s.height);
    if (s.frameRate < 1 || s.frameRate > 240 || s.bitrateKbps < 1 || s.threads < 1 || s.threads > 16 ||
        s.minQuantizer < 0 || s.maxQuantizer > 63 || s.minQuantizer > s.maxQuantizer || s.temporalLayers < 1 ||
        s.temporalLayers > 3 || s.cpuUsed < -9 || s.cpuUsed > 9 || s.dropFrameThreshold < 0 ||
        s.dropFrameThreshold > 100 || s.keyframeInterval < 0) {
      ThrowCode(env, kErrInvalidArgument, "VP9 encoder option out of range");
    }
    try {
      core_ = std::make_unique<Vp9EncoderCore>(s);
    } catch (const CodecFailure& f) {
      ThrowCode(env, f.code, f.what());
    }
  }

 private:
  static void CheckDims(Napi::Env env, int w, int h) {
    if (w <= 0 || h <= 0 || w > kMaxDimensionPx || h > kMaxDimensionPx || (w & 1) || (h & 1)) {
      ThrowCode(env, kErrInvalidArgument, "width/height must be even and within 2..4096");
    }
  }

  Vp9EncoderCore& Core(Napi::Env env) {
    if (!core_) ThrowCode(env, kErrClosed, "VP9 encoder is closed");
    return *core_;
  }

  struct Job {
    std::vector<uint8_t> i420;
    int width = 0;
    int height = 0;
    int64_t pts = 0;
    bool keyframe = false;
  };

  // encode(i420, width, height, pts90k, forceKeyframe)
  Job TakeJob(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Core(env);
    Job j;
    j.width = GetInt(info[1], "width");
    j.height = GetInt(info[2], "height");
    CheckDims(env, j.width, j.height);
    ByteView v = GetBytes(info[0], "i420");
    size_t expected = static_cast<size_t>(j.width) * j.height * 3 / 2;
    if (v.length != expected) ThrowCode(env, kErrInvalidArgument, "I420 buffer size does not match width/height");
    j.pts = GetInt64(info[3], "pts");
    j.keyframe = info[4].ToBoolean();
    j.i420.assign(v.data, v.data + v.length);  // copied so JS may reuse its buffer at once
    return j;
  }

  Napi::Value EncodeSync(const Napi::CallbackInfo& info) {
    Job j = TakeJob(info);
    try {
      EncodeResult r = core_->Encode(j.i420.data(), j.width, j.height, j.pts, j.keyframe);
      return ResultToJs(info.Env(), r);
    } catch (const CodecFailure& f) {
      ThrowCode(info.Env(), f.code, f.what());
    }
  }

  Napi::Value EncodeAsync(const Napi::CallbackInfo& info) {
    auto j = std::make_shared<Job>(TakeJob(info));
    Vp9EncoderCore* core = core_.get();
    inflight_++;
    auto* worker = new PromiseWorker<EncodeResult>(
        info.Env(), info.This().As<Napi::Object>(),
        [core, j]() { return core->Encode(j->i420.data(), j->width, j->height, j->pts, j->keyframe); },
        ResultToJs, [this]() { inflight_--; });
    worker->Queue();
    return worker->Promise();
  }

  Napi::Value SetBitrate(const Napi::CallbackInfo& info) {
    int kbps = GetInt(info[0], "bitrateKbps");
    if (kbps < 1 || kbps > 100000) ThrowCode(info.Env(), kErrInvalidArgument, "bitrate out of range");
    Core(info.Env()).QueueBitrate(kbps);
    return info.Env().Undefined();
  }

  Napi::Value ForceKeyframe(const Napi::CallbackInfo& info) {
    Core(info.Env()).QueueKeyframe();
    return info.Env().Undefined();
  }

  Napi::Value Close(const Napi::CallbackInfo& info) {
    if (inflight_ > 0) ThrowCode(info.Env(), kErrBusy, "cannot close while an encode is in flight");
    core_.reset();
    return info.Env().Undefined();
  }

  std::unique_ptr<Vp9EncoderCore> core_;
  int inflight_ = 0;
};

}  // namespace

void InitVp9Encoder(Napi::Env env, Napi::Object exports) {
  exports.Set("Vp9Encoder", Vp9EncoderWrap::Define(env));
}

}  // namespace parley
