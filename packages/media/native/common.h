// Shared helpers: error codes that cross into JS, and a promise-returning
// AsyncWorker so codec work runs on the libuv thread pool, not the event loop.
#pragma once

#include <napi.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace parley {

// Stable codes; the TypeScript layer maps each one to a typed error class.
constexpr const char* kErrInvalidArgument = "ERR_MEDIA_INVALID_ARGUMENT";
constexpr const char* kErrCodec = "ERR_MEDIA_CODEC";
constexpr const char* kErrCorruptBitstream = "ERR_MEDIA_CORRUPT_BITSTREAM";
constexpr const char* kErrUnsupportedFormat = "ERR_MEDIA_UNSUPPORTED_FORMAT";
constexpr const char* kErrFrameTooLarge = "ERR_MEDIA_FRAME_TOO_LARGE";
constexpr const char* kErrClosed = "ERR_MEDIA_CODEC_CLOSED";
constexpr const char* kErrBusy = "ERR_MEDIA_CODEC_BUSY";

// Thrown by the pure C++ codec cores (which know nothing about N-API), so the
// same core code serves both the synchronous and the thread-pool paths.
struct CodecFailure : std::runtime_error {
  const char* code;
  CodecFailure(const char* c, const std::string& msg) : std::runtime_error(msg), code(c) {}
};

inline Napi::Error MakeError(Napi::Env env, const char* code, const std::string& msg) {
  Napi::Error e = Napi::Error::New(env, msg);
  e.Set("code", Napi::String::New(env, code));
  return e;
}

[[noreturn]] inline void ThrowCode(Napi::Env env, const char* code, const std::string& msg) {
  throw MakeError(env, code, msg);
}

// Runs `work` off the main thread and settles a promise with `toJs(result)`.
// Holds a reference to the owning JS object so the codec outlives the job.
template <typename R>
class PromiseWorker : public Napi::AsyncWorker {
 public:
  using Work = std::function<R()>;
  using ToJs = std::function<Napi::Value(Napi::Env, R&)>;
  using Done = std::function<void()>;

  PromiseWorker(Napi::Env env, Napi::Object owner, Work work, ToJs toJs, Done done)
      : Napi::AsyncWorker(env, "parley-media-codec"),
        deferred_(Napi::Promise::Deferred::New(env)),
        owner_(Napi::Persistent(owner)),
        work_(std::move(work)),
        toJs_(std::move(toJs)),
        done_(std::move(done)) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  void Execute() override {
    try {
      result_ = work_();
    } catch (const CodecFailure& f) {
      code_ = f.code;
      SetError(f.what());
    } catch (const std::bad_alloc&) {
      code_ = kErrCodec;
      SetError("out of memory");
    }
  }

  void OnOK() override {
    done_();
    Napi::Env env = Env();
    try {
      deferred_.Resolve(toJs_(env, result_));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    }
  }

  void OnError(const Napi::Error& e) override {
    done_();
    deferred_.Reject(MakeError(Env(), code_, e.Message()).Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  Napi::ObjectReference owner_;
  Work work_;
  ToJs toJs_;
  Done done_;
  R result_{};
  const char* code_ = kErrCodec;
};

// Borrow bytes from a Buffer / TypedArray argument without copying.
struct ByteView {
  const uint8_t* data = nullptr;
  size_t length = 0;
};

inline ByteView GetBytes(const Napi::Value& v, const char* what) {
  if (v.IsTypedArray()) {
    Napi::TypedArray ta = v.As<Napi::TypedArray>();
    Napi::ArrayBuffer ab = ta.ArrayBuffer();
    ByteView out;
    out.data = static_cast<const uint8_t*>(ab.Data()) + ta.ByteOffset();
    out.length = ta.ByteLength();
    return out;
  }
  ThrowCode(v.Env(), kErrInvalidArgument, std::string(what) + " must be a Uint8Array/Int16Array");
}

inline int32_t GetInt(const Napi::Value& v, const char* what) {
  if (!v.IsNumber()) ThrowCode(v.Env(), kErrInvalidArgument, std::string(what) + " must be a number");
  return v.As<Napi::Number>().Int32Value();
}

inline int64_t GetInt64(const Napi::Value& v, const char* what) {
  if (!v.IsNumber()) ThrowCode(v.Env(), kErrInvalidArgument, std::string(what) + " must be a number");
  return v.As<Napi::Number>().Int64Value();
}

inline Napi::Value CopyToBuffer(Napi::Env env, const std::string& bytes) {
  return Napi::Buffer<uint8_t>::Copy(env, reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace parley
