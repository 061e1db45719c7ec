{
  "targets": [
    {
      "target_name": "parley_media",
      "sources": [
        "native/addon.cc",
        "native/opus_codec.cc",
        "native/vp9_encoder.cc",
        "native/vp9_decoder.cc",
        "native/vp9_header.cc"
      ],
      "dependencies": [
        "<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"
      ],
      "defines": ["NAPI_VERSION=8"],
      "cflags_cc": ["-std=c++17", "-O2", "-Wall", "-Wextra", "<!@(pkg-config --cflags opus vpx)"],
      "libraries": ["<!@(pkg-config --libs opus vpx)"]
    }
  ]
}
