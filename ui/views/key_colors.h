// Key colours: one colour per record key everywhere in the UI (topic strips, producer, files,
// group links), so a learner can follow a key by its colour. Derived only from
// RecordCell::keyHash (murmur2(key) & 0x7fffffff), so the same key gets the same colour in every
// view and every run. Pure inline functions; GUI thread (QColor is a value type, any thread).
#pragma once

#include <QColor>

#include <cstdint>

namespace keycolors {

// A null key (keyless records) is drawn neutral grey: it has no colour of its own.
inline QColor nullKeyColor() { return QColor(0xb0, 0xb4, 0xba); }

// The fill colour for a key. The hash is spread over the hue circle with the golden ratio so
// neighbouring hashes (key-1, key-2) still look different; saturation and value vary a little
// by other hash bits so 20+ keys stay distinguishable while dark text on them stays readable.
inline QColor keyColor(uint32_t keyHash, bool keyNull = false)
{
    if (keyNull)
        return nullKeyColor();
    // Mix the bits first: murmur2 is already well spread, but a cheap finaliser keeps us
    // independent of whatever hash a caller passes.
    uint32_t h = keyHash;
    h ^= h >> 16;
    h *= 0x45d9f3bu;
    h ^= h >> 16;
    const double golden = 0.618033988749895;
    double hue = static_cast<double>(h % 3607u) * golden;
    hue -= static_cast<double>(static_cast<int64_t>(hue));
    // Three brightness and three saturation tiers from independent bits: two keys whose hues
    // land close together usually still differ in lightness or strength.
    static constexpr int kSat[] = {105, 160, 215};
    static constexpr int kVal[] = {250, 215, 170};
    const int sat = kSat[(h >> 12) % 3];
    const int val = kVal[(h >> 20) % 3];
    return QColor::fromHsv(static_cast<int>(hue * 359.0), sat, val);
}

// A text colour readable on keyColor(...): dark on light fills, white on dark ones.
inline QColor textColorOn(const QColor &fill)
{
    const double luma = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF();
    return luma > 0.55 ? QColor(0x20, 0x20, 0x20) : QColor(Qt::white);
}

} // namespace keycolors
