// Reads just enough of each VP9 uncompressed header (spec section 6.2) to
// learn an explicitly coded frame size. libvpx would otherwise try to
// allocate whatever a hostile packet declares (up to 65536 x 65536).
#include "codecs.h"
#include "common.h"

namespace parley {
namespace {

class BitReader {
 public:
  BitReader(const uint8_t* d, size_t n) : data_(d), size_(n) {}
  // Returns false when the header runs past the data; callers then leave
  // judgement to libvpx, which rejects truncated headers on its own.
  bool Read(int bits, unsigned* out) {
    unsigned v = 0;
    for (int i = 0; i < bits; i++) {
      if (pos_ >= size_ * 8) return false;
      unsigned bit = (data_[pos_ >> 3] >> (7 - (pos_ & 7))) & 1u;
      v = (v << 1) | bit;
      pos_++;
    }
    *out = v;
    return true;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

#define READ_OR_STOP(bits, var) \
  if (!r.Read((bits), &(var))) return out

Vp9DeclaredSize ParseOne(const uint8_t* data, size_t size) {
  Vp9DeclaredSize out;
  BitReader r(data, size);
  unsigned v = 0, lo = 0, hi = 0;
  READ_OR_STOP(2, v);
  if (v != 2) return out;  // not a frame marker; libvpx reports the error
  READ_OR_STOP(1, lo);
  READ_OR_STOP(1, hi);
  const unsigned profile = (hi << 1) | lo;
  if (profile == 3) READ_OR_STOP(1, v);
  READ_OR_STOP(1, v);
  if (v) return out;  // show_existing_frame: no new size
  unsigned frameType = 0, showFrame = 0, errorResilient = 0;
  READ_OR_STOP(1, frameType);
  READ_OR_STOP(1, showFrame);
  READ_OR_STOP(1, errorResilient);
  auto colorConfig = [&]() -> bool {
    unsigned cs = 0, t = 0;
    if (profile >= 2 && !r.Read(1, &t)) return false;
    if (!r.Read(3, &cs)) return false;
    if (cs != 7) {
      if (!r.Read(1, &t)) return false;
      if (profile == 1 || profile == 3) return r.Read(3, &t);
    } else if (profile == 1 || profile == 3) {
      return r.Read(1, &t);
    }
    return true;
  };
  auto frameSize = [&]() {
    unsigned w = 0, h = 0;
    if (r.Read(16, &w) && r.Read(16, &h)) {
      out.width = w + 1;
      out.height = h + 1;
    }
  };
  if (frameType == 0) {
    READ_OR_STOP(24, v);  // sync code
    if (!colorConfig()) return out;
    frameSize();
    return out;
  }
  unsigned intraOnly = 0;
  if (!showFrame) READ_OR_STOP(1, intraOnly);
  if (!errorResilient) READ_OR_STOP(2, v);
  if (intraOnly) {
    READ_OR_STOP(24, v);
    if (profile > 0 && !colorConfig()) return out;
    READ_OR_STOP(8, v);
    frameSize();
    return out;
  }
  READ_OR_STOP(8, v);  // refresh_frame_flags
  for (int i = 0; i < 3; i++) READ_OR_STOP(4, v);
  for (int i = 0; i < 3; i++) {
    READ_OR_STOP(1, v);
    if (v) return out;  // size copied from a reference, already bounded
  }
  frameSize();
  return out;
}

}  // namespace

Vp9DeclaredSize Vp9LargestDeclaredSize(const uint8_t* data, size_t size) {
  Vp9DeclaredSize best;
  auto consider = [&](const uint8_t* d, size_t n) {
    Vp9DeclaredSize s = ParseOne(d, n);
    if (s.width > best.width) best.width = s.width;
    if (s.height > best.height) best.height = s.height;
  };
  if (size == 0) return best;
  const uint8_t marker = data[size - 1];
  if ((marker & 0xe0) == 0xc0) {
    const size_t frames = (marker & 7u) + 1;
    const size_t mag = ((marker >> 3) & 3u) + 1;
    const size_t indexSize = 2 + mag * frames;
    if (size >= indexSize && data[size - indexSize] == marker) {
      const uint8_t* idx = data + size - indexSize + 1;
      size_t offset = 0;
      const size_t payload = size - indexSize;
      for (size_t f = 0; f < frames; f++) {
        size_t frameSize = 0;
        for (size_t b = 0; b < mag; b++) frameSize |= static_cast<size_t>(idx[f * mag + b]) << (8 * b);
        if (frameSize > payload - offset) break;  // libvpx rejects the index itself
        consider(data + offset, frameSize);
        offset += frameSize;
      }
      return best;
    }
  }
  consider(data, size);
  return best;
}

}  // namespace parley
