@echo off
rem bindlab-solo.cmd: runs bindlab's catalog on this Windows machine alone (Java 8 or later; Vista and later).
rem Usage: bindlab-solo.cmd [--resume] [--scenarios GLOB] [--label NAME] [--share-hostname]   (see README-solo.txt)
setlocal
set "HERE=%~dp0"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
"%JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo bindlab-solo: no Java found. Install Java 8 or later ^(on Vista: Java 8^), or set JAVA_HOME. 1>&2
  exit /b 2
)
"%JAVA%" -Xmx256m -jar "%HERE%bindlab-agent.jar" solo --store "%HERE%store" %*
exit /b %ERRORLEVEL%
