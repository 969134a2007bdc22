# Installation: the octavo binary, its manual page, the library with its public headers, a CMake
# package (find_package(octavo) gives octavo::octavo) and a pkg-config file (octavo.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(OCTAVO_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/octavo)

# The manual page, with the version filled in: man ./build/octavo.1
configure_file(${PROJECT_SOURCE_DIR}/docs/octavo.1.in ${PROJECT_BINARY_DIR}/octavo.1 @ONLY)

# The library is shared: a program links libocto alone, not libzip, yaml-cpp, cmark-gfm and
# libuuid, which stay private. The public headers (include/octavo/) need no pugixml, but the
# library links it publicly, so the package finds it for its users.
set_target_properties(octavo PROPERTIES VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
                                        EXPORT_NAME octavo)
target_compile_features(octavo PUBLIC cxx_std_17)
target_include_directories(octavo PUBLIC $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
# The binary links the library's code in and finds the cover module by its own place: it needs no
# RPATH, in the build tree or installed. (CMake's build RPATH, padded with ':' for the install one,
# made the dynamic linker look for libzip and libc in the working directory first.)
set_target_properties(octavo_cli PROPERTIES SKIP_BUILD_RPATH ON INSTALL_RPATH "")

install(TARGETS octavo EXPORT octavoTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS octavo_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The modules beside the library: liboctavo and the binary both look for them there.
install(TARGETS ${OCTAVO_MODULES} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
# The public headers only: include/octavo/ (src/<stage>/ holds the internal ones).
file(GLOB OCTAVO_PUBLIC_HEADERS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/octavo/*.hpp)
install(FILES ${OCTAVO_PUBLIC_HEADERS} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/octavo)
install(FILES ${PROJECT_BINARY_DIR}/octavo.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

install(EXPORT octavoTargets NAMESPACE octavo:: DESTINATION ${OCTAVO_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/octavoConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/octavoConfig.cmake
                              INSTALL_DESTINATION ${OCTAVO_CMAKE_DIR})
# 0.x: a minor version may change the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/octavoConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/octavoConfig.cmake ${PROJECT_BINARY_DIR}/octavoConfigVersion.cmake
        DESTINATION ${OCTAVO_CMAKE_DIR})

# pkg-config: prefix is found from the .pc file's own place, so the file works in any prefix.
file(RELATIVE_PATH OCTAVO_PC_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(${PROJECT_SOURCE_DIR}/cmake/octavo.pc.in ${PROJECT_BINARY_DIR}/octavo.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/octavo.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
