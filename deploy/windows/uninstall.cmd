@echo off
rem uninstall.cmd: removes what install.cmd made (task, firewall rule, other-user account, files); /dry-run prints it.
setlocal EnableExtensions
set "DIR=C:\bindlab"
set "TASK=bindlab-agent"
set "RULE=bindlab agent sandbox"
set "OTHER=bindlab-other"
set "DRY="

:args
if "%~1"=="" goto go
if /i "%~1"=="/dir" (set "DIR=%~2" & shift & shift & goto args)
if /i "%~1"=="/dry-run" (set "DRY=1" & shift & goto args)
echo uninstall.cmd: unknown argument "%~1"; usage: uninstall.cmd [/dir C:\bindlab] [/dry-run] 1>&2
exit /b 2

:go
if not defined DRY (
  net session >nul 2>&1 || (echo uninstall.cmd: run this from an elevated prompt ^(Administrator^) 1>&2 & exit /b 3)
)
echo uninstall.cmd: removing the bindlab agent from %DIR%
call :run schtasks /End /TN %TASK%
call :run schtasks /Delete /TN %TASK% /F
call :run netsh advfirewall firewall delete rule name="%RULE%"
call :run net user %OTHER% /delete
call :run rmdir /s /q "%DIR%"
echo uninstall.cmd: done
exit /b 0

:run
if defined DRY (
  echo [dry-run] %*
  exit /b 0
)
rem each step is independent: something already gone is not an error
%* || echo uninstall.cmd: note: "%*" failed ^(already removed?^)
exit /b 0
