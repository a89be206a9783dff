# third_party.cmake — the parsing and compression libraries core uses, as targets nb_zlib, nb_minizip,
# nb_pugixml and nb_libxml2 (its HTML parser, for importing published pages): natively Debian's packages
# (zlib1g-dev, libminizip-dev, libpugixml-dev, libxml2-dev); for the
# browser build their Debian sources, which scripts/setup.sh fetches with `apt-get source` into
# third_party/ (git-ignored) and which are compiled here — Emscripten 3.1.6 here has no ports.
set(TP ${CMAKE_SOURCE_DIR}/third_party)
if(EMSCRIPTEN)
  foreach(f zlib/contrib/minizip/zip.c pugixml/src/pugixml.cpp libxml2/HTMLparser.c)
    if(NOT EXISTS ${TP}/${f})
      message(FATAL_ERROR "${TP}/${f} missing: run scripts/setup.sh (apt-get source zlib pugixml libxml2)")
    endif()
  endforeach()
  add_library(nb_zlib STATIC
    ${TP}/zlib/adler32.c ${TP}/zlib/compress.c ${TP}/zlib/crc32.c ${TP}/zlib/deflate.c ${TP}/zlib/inffast.c
    ${TP}/zlib/inflate.c ${TP}/zlib/inftrees.c ${TP}/zlib/trees.c ${TP}/zlib/uncompr.c ${TP}/zlib/zutil.c)
  target_include_directories(nb_zlib SYSTEM PUBLIC ${TP}/zlib)
  target_compile_options(nb_zlib PRIVATE -w)
  # minizip's headers are included as <minizip/zip.h>, as Debian installs them
  add_library(nb_minizip STATIC ${TP}/zlib/contrib/minizip/zip.c ${TP}/zlib/contrib/minizip/unzip.c ${TP}/zlib/contrib/minizip/ioapi.c)
  target_include_directories(nb_minizip SYSTEM PUBLIC ${TP}/zlib/contrib ${TP}/zlib/contrib/minizip)
  target_compile_definitions(nb_minizip PRIVATE NOCRYPT NOUNCRYPT USE_FILE32API)
  target_compile_options(nb_minizip PRIVATE -w)
  target_link_libraries(nb_minizip PUBLIC nb_zlib)
  add_library(nb_pugixml STATIC ${TP}/pugixml/src/pugixml.cpp)
  target_include_directories(nb_pugixml SYSTEM PUBLIC ${TP}/pugixml/src)
  target_compile_definitions(nb_pugixml PUBLIC PUGIXML_NO_EXCEPTIONS)
  # libxml2 through its own CMake build, cut down to the HTML parser and the tree; it is always given
  # UTF-8 (core/src/import_html.cpp decodes GB18030 pages with iconv first)
  foreach(opt C14N CATALOG DEBUG DOCB FTP HTTP ICONV ICU ISO8859X LEGACY LZMA MODULES OUTPUT PATTERN PROGRAMS PUSH
              PYTHON READER REGEXPS SAX1 SCHEMAS SCHEMATRON TESTS THREADS VALID WRITER XINCLUDE XPATH XPTR ZLIB)
    set(LIBXML2_WITH_${opt} OFF CACHE BOOL "" FORCE)
  endforeach()
  foreach(opt HTML TREE)
    set(LIBXML2_WITH_${opt} ON CACHE BOOL "" FORCE)
  endforeach()
  set(BUILD_SHARED_LIBS OFF CACHE BOOL "" FORCE)
  # libxml2 2.9.14 without threads still calls pthread_once when pthread.h exists: say it does not
  set(HAVE_PTHREAD_H "" CACHE INTERNAL "")
  add_subdirectory(${TP}/libxml2 ${CMAKE_BINARY_DIR}/third_party/libxml2 EXCLUDE_FROM_ALL)
  target_compile_options(LibXml2 PRIVATE -w)
  add_library(nb_libxml2 INTERFACE)
  target_link_libraries(nb_libxml2 INTERFACE LibXml2)
else()
  find_package(ZLIB REQUIRED)
  find_package(pugixml REQUIRED)
  find_path(MINIZIP_INCLUDE minizip/zip.h REQUIRED)
  find_library(MINIZIP_LIB minizip REQUIRED)
  add_library(nb_zlib INTERFACE)
  target_link_libraries(nb_zlib INTERFACE ZLIB::ZLIB)
  add_library(nb_minizip INTERFACE)
  target_include_directories(nb_minizip SYSTEM INTERFACE ${MINIZIP_INCLUDE} ${MINIZIP_INCLUDE}/minizip)
  target_link_libraries(nb_minizip INTERFACE ${MINIZIP_LIB} ZLIB::ZLIB)
  add_library(nb_pugixml INTERFACE)
  target_link_libraries(nb_pugixml INTERFACE pugixml::pugixml)
  find_package(LibXml2 REQUIRED)
  add_library(nb_libxml2 INTERFACE)
  target_link_libraries(nb_libxml2 INTERFACE LibXml2::LibXml2)
endif()
