# Installs the CLI, the public headers and a CMake package so that a C++ program can
# find_package(migrate) and link migrate::core.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS migrate RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS migrate_core EXPORT migrateTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/migrate DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT migrateTargets NAMESPACE migrate:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/migrate)

configure_package_config_file(cmake/migrateConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/migrateConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/migrate)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/migrateConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/migrateConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/migrateConfigVersion.cmake ${CMAKE_CURRENT_SOURCE_DIR}/cmake/FindPgQuery.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/migrate)
