// libopus encoder/decoder. Settings changed from JS are queued and applied by
// whichever thread runs the next encode, so setBitrate() never waits for an
// encode in flight and never touches the encoder concurrently.
#include <opus.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "codecs.h"
#include "common.h"

namespace parley {
namespace {

constexpr int kSampleRate = 48000;
constexpr int kMaxFrameSamples = 5760;   // 120 ms at 48 kHz: the most one packet can hold
constexpr int kMaxPacketBytes = 1500;    // mirrors MAX_AUDIO_PAYLOAD_BYTES in constants.ts

bool ValidFrameSamples(int n) {
  return n == 120 || n == 240 || n == 480 || n == 960 || n == 1920 || n == 2880;
}

std::string OpusMessage(const char* what, int err) {
  return std::string(what) + ": " + opus_strerror(err);
}

class OpusEncoderCore {
 public:
  OpusEncoderCore(int channels, int application) : channels_(channels) {
    int err = OPUS_OK;
    enc_ = opus_encoder_create(kSampleRate, channels, application, &err);
    if (err != OPUS_OK || enc_ == nullptr) throw CodecFailure(kErrCodec, OpusMessage("opus_encoder_create", err));
  }
  ~OpusEncoderCore() { opus_encoder_destroy(enc_); }
  OpusEncoderCore(const OpusEncoderCore&) = delete;
  OpusEncoderCore& operator=(const OpusEncoderCore&) = delete;

  // Applied immediately: used once at construction, before any encode.
  void Ctl(int request, int value) {
    std::lock_guard<std::mutex> lock(codecMu_);
    int err = opus_encoder_ctl(enc_, request, value);
    if (err != OPUS_OK) throw CodecFailure(kErrInvalidArgument, OpusMessage("opus_encoder_ctl", err));
  }

  void Queue(int request, int value) {
    std::lock_guard<std::mutex> lock(pendingMu_);
    pending_.emplace_back(request, value);
  }

  int Lookahead() {
    std::lock_guard<std::mutex> lock(codecMu_);
    opus_int32 v = 0;
    opus_encoder_ctl(enc_, OPUS_GET_LOOKAHEAD(&v));
    return v;
  }

  std::vector<uint8_t> Encode(const int16_t* pcm, int frameSamples) {
    std::lock_guard<std::mutex> lock(codecMu_);
    ApplyPending();
    std::vector<uint8_t> out(kMaxPacketBytes);
    int n = opus_encode(enc_, pcm, frameSamples, out.data(), kMaxPacketBytes);
    if (n < 0) throw CodecFailure(kErrCodec, OpusMessage("opus_encode", n));
    out.resize(static_cast<size_t>(n));
    return out;
  }

  int channels() const { return channels_; }

 private:
  void ApplyPending() {
    std::vector<std::pair<int, int>> todo;
    {
      std::lock_guard<std::mutex> lock(pendingMu_);
      todo.swap(pending_);
    }
    for (auto& [request, value] : todo) {
      int err = opus_encoder_ctl(enc_, request, value);
      if (err != OPUS_OK) throw CodecFailure(kErrInvalidArgument, OpusMessage("opus_encoder_ctl", err));
    }
  }

  OpusEncoder* enc_ = nullptr;
  int channels_;
  std::mutex codecMu_;
  std::mutex pendingMu_;
  std::vector<std::pair<int, int>> pending_;
};

class OpusDecoderCore {
 public:
  explicit OpusDecoderCore(int channels) : channels_(channels) {
    int err = OPUS_OK;
    dec_ = opus_decoder_create(kSampleRate, channels, &err);
    if (err != OPUS_OK || dec_ == nullptr) throw CodecFailure(kErrCodec, OpusMessage("opus_decoder_create", err));
  }
  ~OpusDecoderCore() { opus_decoder_destroy(dec_); }
  OpusDecoderCore(const OpusDecoderCore&) = delete;
  OpusDecoderCore& operator=(const OpusDecoderCore&) = delete;

  // packet == nullptr: conceal exactly frameSamples. fec: recover the frame
  // before `packet` from its in-band redundancy (PLC if it carries none).
  std::vector<int16_t> Decode(const uint8_t* packet, size_t len, bool fec, int frameSamples) {
    std::lock_guard<std::mutex> lock(mu_);
    const bool fixedSize = packet == nullptr || fec;
    const int capacity = fixedSize ? frameSamples : kMaxFrameSamples;
    std::vector<int16_t> out(static_cast<size_t>(capacity) * channels_);
    int n = opus_decode(dec_, packet, static_cast<opus_int32>(len), out.data(), capacity, fec ? 1 : 0);
    if (n < 0) {
      throw CodecFailure(n == OPUS_INVALID_PACKET ? kErrCorruptBitstream : kErrCodec, OpusMessage("opus_decode", n));
    }
    out.resize(static_cast<size_t>(n) * channels_);
    return out;
  }

 private:
  OpusDecoder* dec_ = nullptr;
  int channels_;
  std::mutex mu_;
};

Napi::Value PcmToJs(Napi::Env env, std::vector<int16_t>& pcm) {
  Napi::ArrayBuffer ab = Napi::ArrayBuffer::New(env, pcm.size() * sizeof(int16_t));
  std::memcpy(ab.Data(), pcm.data(), pcm.size() * sizeof(int16_t));
  return Napi::TypedArrayOf<int16_t>::New(env, pcm.size(), ab, 0, napi_int16_array);
}

Napi::Value BytesToJs(Napi::Env env, std::vector<uint8_t>& bytes) {
  return Napi::Buffer<uint8_t>::Copy(env, bytes.data(), bytes.size());
}

// ---------------------------------------------------------------------------

class OpusEncoderWrap : public Napi::ObjectWrap<OpusEncoderWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "OpusEncoder",
                       {InstanceMethod("encodeSync", &OpusEncoderWrap::EncodeSync),
                        InstanceMethod("encode", &OpusEncoderWrap::EncodeAsync),
                        InstanceMethod("ctl", &OpusEncoderWrap::QueueCtl),
                        InstanceMethod("lookahead", &OpusEncoderWrap::Lookahead),
                        InstanceMethod("close", &OpusEncoderWrap::Close)});
  }

  // new OpusEncoder(channels, application, initialCtls: [request, value][])
  explicit OpusEncoderWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<OpusEncoderWrap>(info) {
    Napi::Env env = info.Env();
    int channels = GetInt(info[0], "channels");
    int application = GetInt(info[1], "application");
    if (channels != 1 && channels != 2) ThrowCode(env, kErrInvalidArgument, "channels must be 1 or 2");
    try {
      core_ = std::make_unique<OpusEncoderCore>(channels, application);
      if (info[2].IsArray()) {
        Napi::Array ctls = info[2].As<Napi::Array>();
        for (uint32_t i = 0; i < ctls.Length(); i++) {
          Napi::Array pair = ctls.Get(i).As<Napi::Array>();
          core_->Ctl(GetInt(pair.Get(0u), "ctl request"), GetInt(pair.Get(1u), "ctl value"));
        }
      }
    } catch (const CodecFailure& f) {
      ThrowCode(env, f.code, f.what());
    }
  }

 private:
  OpusEncoderCore& Core(Napi::Env env) {
    if (!core_) ThrowCode(env, kErrClosed, "Opus encoder is closed");
    return *core_;
  }

  // Validates and copies the PCM so JS may reuse its buffer at once.
  std::vector<int16_t> TakePcm(const Napi::CallbackInfo& info, int* frameSamples) {
    Napi::Env env = info.Env();
    OpusEncoderCore& core = Core(env);
    if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_int16_array) {
      ThrowCode(env, kErrInvalidArgument, "pcm must be an Int16Array");
    }
    Napi::Int16Array pcm = info[0].As<Napi::Int16Array>();
    size_t samples = pcm.ElementLength();
    if (samples % core.channels() != 0 || !ValidFrameSamples(static_cast<int>(samples / core.channels()))) {
      ThrowCode(env, kErrInvalidArgument, "pcm length is not a valid Opus frame size");
    }
    *frameSamples = static_cast<int>(samples / core.channels());
    return std::vector<int16_t>(pcm.Data(), pcm.Data() + samples);
  }

  Napi::Value EncodeSync(const Napi::CallbackInfo& info) {
    int frameSamples = 0;
    std::vector<int16_t> pcm = TakePcm(info, &frameSamples);
    try {
      std::vector<uint8_t> out = core_->Encode(pcm.data(), frameSamples);
      return BytesToJs(info.Env(), out);
    } catch (const CodecFailure& f) {
      ThrowCode(info.Env(), f.code, f.what());
    }
  }

  Napi::Value EncodeAsync(const Napi::CallbackInfo& info) {
    int frameSamples = 0;
    auto pcm = std::make_shared<std::vector<int16_t>>(TakePcm(info, &frameSamples));
    OpusEncoderCore* core = core_.get();
    inflight_++;
    auto* worker = new PromiseWorker<std::vector<uint8_t>>(
        info.Env(), info.This().As<Napi::Object>(),
        [core, pcm, frameSamples]() { return core->Encode(pcm->data(), frameSamples); }, BytesToJs,
        [this]() { inflight_--; });
    worker->Queue();
    return worker->Promise();
  }

  Napi::Value QueueCtl(const Napi::CallbackInfo& info) {
    Core(info.Env()).Queue(GetInt(info[0], "ctl request"), GetInt(info[1], "ctl value"));
    return info.Env().Undefined();
  }

  Napi::Value Lookahead(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), Core(info.Env()).Lookahead());
  }

  Napi::Value Close(const Napi::CallbackInfo& info) {
    if (inflight_ > 0) ThrowCode(info.Env(), kErrBusy, "cannot close while an encode is in flight");
    core_.reset();
    return info.Env().Undefined();
  }

  std::unique_ptr<OpusEncoderCore> core_;
  int inflight_ = 0;  // touched only on the main thread
};

class OpusDecoderWrap : public Napi::ObjectWrap<OpusDecoderWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "OpusDecoder",
                       {InstanceMethod("decodeSync", &OpusDecoderWrap::DecodeSync),
                        InstanceMethod("decode", &OpusDecoderWrap::DecodeAsync),
                        InstanceMethod("close", &OpusDecoderWrap::Close)});
  }

  // new OpusDecoder(channels)
  explicit OpusDecoderWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<OpusDecoderWrap>(info) {
    int channels = GetInt(info[0], "channels");
    if (channels != 1 && channels != 2) ThrowCode(info.Env(), kErrInvalidArgument, "channels must be 1 or 2");
    try {
      core_ = std::make_unique<OpusDecoderCore>(channels);
    } catch (const CodecFailure& f) {
      ThrowCode(info.Env(), f.code, f.what());
    }
  }

 private:
  struct Args {
    std::vector<uint8_t> packet;
    bool hasPacket = false;
    bool fec = false;
    int frameSamples = 0;
  };

  // decode(packet | null, fec: boolean, frameSamples: number)
  Args TakeArgs(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!core_) ThrowCode(env, kErrClosed, "Opus decoder is closed");
    Args a;
    if (!info[0].IsNull() && !info[0].IsUndefined()) {
      ByteView v = GetBytes(info[0], "packet");
      if (v.length == 0 || v.length > kMaxPacketBytes * 4) ThrowCode(env, kErrInvalidArgument, "packet size out of range");
      a.packet.assign(v.data, v.data + v.length);
      a.hasPacket = true;
    }
    a.fec = info[1].ToBoolean();
    a.frameSamples = GetInt(info[2], "frameSamples");
    if (!ValidFrameSamples(a.frameSamples)) ThrowCode(env, kErrInvalidArgument, "frameSamples is not a valid Opus frame size");
    if (a.fec && !a.hasPacket) ThrowCode(env, kErrInvalidArgument, "FEC decode needs the next packet");
    return a;
  }

  static std::vector<int16_t> Run(OpusDecoderCore* core, const Args& a) {
    return core->Decode(a.hasPacket ? a.packet.data() : nullptr, a.packet.size(), a.fec, a.frameSamples);
  }

  Napi::Value DecodeSync(const Napi::CallbackInfo& info) {
    Args a = TakeArgs(info);
    try {
      std::vector<int16_t> pcm = Run(core_.get(), a);
      return PcmToJs(info.Env(), pcm);
    } catch (const CodecFailure& f) {
      ThrowCode(info.Env(), f.code, f.what());
    }
  }

  Napi::Value DecodeAsync(const Napi::CallbackInfo& info) {
    auto a = std::make_shared<Args>(TakeArgs(info));
    OpusDecoderCore* core = core_.get();
    inflight_++;
    auto* worker = new PromiseWorker<std::vector<int16_t>>(
        info.Env(), info.This().As<Napi::Object>(), [core, a]() { return Run(core, *a); }, PcmToJs,
        [this]() { inflight_--; });
    worker->Queue();
    return worker->Promise();
  }

  Napi::Value Close(const Napi::CallbackInfo& info) {
    if (inflight_ > 0) ThrowCode(info.Env(), kErrBusy, "cannot close while a decode is in flight");
    core_.reset();
    return info.Env().Undefined();
  }

  std::unique_ptr<OpusDecoderCore> core_;
  int inflight_ = 0;
};

}  // namespace

void InitOpus(Napi::Env env, Napi::Object exports) {
  exports.Set("OpusEncoder", OpusEncoderWrap::Define(env));
  exports.Set("OpusDecoder", OpusDecoderWrap::Define(env));
  Napi::Object ctl = Napi::Object::New(env);
  ctl.Set("SET_BITRATE", OPUS_SET_BITRATE_REQUEST);
  ctl.Set("SET_COMPLEXITY", OPUS_SET_COMPLEXITY_REQUEST);
  ctl.Set("SET_INBAND_FEC", OPUS_SET_INBAND_FEC_REQUEST);
  ctl.Set("SET_PACKET_LOSS_PERC", OPUS_SET_PACKET_LOSS_PERC_REQUEST);
  ctl.Set("SET_DTX", OPUS_SET_DTX_REQUEST);
  ctl.Set("SET_VBR", OPUS_SET_VBR_REQUEST);
  ctl.Set("SET_SIGNAL", OPUS_SET_SIGNAL_REQUEST);
  ctl.Set("APPLICATION_VOIP", OPUS_APPLICATION_VOIP);
  ctl.Set("APPLICATION_AUDIO", OPUS_APPLICATION_AUDIO);
  exports.Set("opusConstants", ctl);
}

}  // namespace parley
