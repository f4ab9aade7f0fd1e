@echo off
rem install.cmd: installs the bindlab agent on a Windows host with only what Vista ships (cmd, xcopy, icacls,
rem netsh advfirewall, net user, schtasks with an XML task). Run as Administrator; /dry-run prints what it would do.
setlocal EnableExtensions EnableDelayedExpansion

set "DIR=C:\bindlab"
set "TASK=bindlab-agent"
set "RULE=bindlab agent sandbox"
set "OTHER=bindlab-other"
set "DRY="
set "COORD="
set "PORTS="
set "ADDR="
set "ADDR6="
set "JRE="
set "JAR="
set "CERTS="

:args
if "%~1"=="" goto checked
if /i "%~1"=="/coordinator" (set "COORD=%~2" & shift & shift & goto args)
if /i "%~1"=="/ports" (set "PORTS=%~2" & shift & shift & goto args)
if /i "%~1"=="/address" (set "ADDR=%~2" & shift & shift & goto args)
if /i "%~1"=="/address6" (set "ADDR6=%~2" & shift & shift & goto args)
if /i "%~1"=="/jre" (set "JRE=%~2" & shift & shift & goto args)
if /i "%~1"=="/jar" (set "JAR=%~2" & shift & shift & goto args)
if /i "%~1"=="/certs" (set "CERTS=%~2" & shift & shift & goto args)
if /i "%~1"=="/dir" (set "DIR=%~2" & shift & shift & goto args)
if /i "%~1"=="/dry-run" (set "DRY=1" & shift & goto args)
if /i "%~1"=="/?" goto usage
echo install.cmd: unknown argument "%~1" 1>&2
goto usage

:checked
set "MISSING="
if not defined COORD set "MISSING=!MISSING! /coordinator"
if not defined PORTS set "MISSING=!MISSING! /ports"
if not defined ADDR set "MISSING=!MISSING! /address"
if not defined JRE set "MISSING=!MISSING! /jre"
if not defined JAR set "MISSING=!MISSING! /jar"
if not defined CERTS set "MISSING=!MISSING! /certs"
if defined MISSING (
  echo install.cmd: missing!MISSING! 1>&2
  goto usage
)
rem LO-HI, digits only, 1024 <= LO <= HI <= 65535: the same range goes into the firewall rule and the agent's --ports
set "LO=" & set "HI=" & set "EXTRA="
for /f "tokens=1-3 delims=-" %%a in ("%PORTS%") do (set "LO=%%a" & set "HI=%%b" & set "EXTRA=%%c")
if not defined LO goto badports
if not defined HI goto badports
if defined EXTRA goto badports
for /f "delims=0123456789" %%x in ("%LO%%HI%") do goto badports
if %LO% LSS 1024 goto badports
if %HI% GTR 65535 goto badports
if %LO% GTR %HI% goto badports
if not defined DRY (
  net session >nul 2>&1 || (echo install.cmd: run this from an elevated prompt ^(Administrator^) 1>&2 & exit /b 3)
  if not exist "%JRE%\bin\java.exe" (echo install.cmd: "%JRE%\bin\java.exe" not found 1>&2 & exit /b 2)
  if not exist "%JAR%" (echo install.cmd: "%JAR%" not found 1>&2 & exit /b 2)
  for %%f in (ca.crt agent.crt agent.key) do if not exist "%CERTS%\%%f" (echo install.cmd: "%CERTS%\%%f" not found ^(bindlab pki issue --agent NAME^) 1>&2 & exit /b 2)
)

set "JAVA=%DIR%\jre\bin\java.exe"
set "ARGS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -Xss512k -XX:ReservedCodeCacheSize=16m -Xms4m -Xmx48m -Xmn1m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -Dio.grpc.netty.shaded.io.netty.allocator.type=unpooled -Dio.grpc.netty.shaded.io.netty.jfr.enabled=false -jar &quot;%DIR%\bindlab-agent.jar&quot; --coordinator %COORD% --certs &quot;%DIR%\certs&quot; --ports %PORTS% --address %ADDR%"
if defined ADDR6 set "ARGS=!ARGS! --address6 %ADDR6%"
set "ARGS=!ARGS! --log-dir &quot;%DIR%\logs&quot;"
if defined DRY (set "XML=%TEMP%\bindlab-agent-task.dry-run.xml") else (set "XML=%DIR%\bindlab-agent-task.xml")

echo install.cmd: installing the bindlab agent into %DIR% (coordinator %COORD%, ports %PORTS%, address %ADDR%)
call :run mkdir "%DIR%" "%DIR%\certs" "%DIR%\logs"
if errorlevel 1 exit /b 3
call :run xcopy /e /i /q /y "%JRE%" "%DIR%\jre"
if errorlevel 1 exit /b 3
call :run copy /y "%JAR%" "%DIR%\bindlab-agent.jar"
if errorlevel 1 exit /b 3
call :run copy /y "%CERTS%\ca.crt" "%DIR%\certs\ca.crt"
if errorlevel 1 exit /b 3
call :run copy /y "%CERTS%\agent.crt" "%DIR%\certs\agent.crt"
if errorlevel 1 exit /b 3
call :run copy /y "%CERTS%\agent.key" "%DIR%\certs\agent.key"
if errorlevel 1 exit /b 3
rem the key: SYSTEM (S-1-5-18) and Administrators (S-1-5-32-544) only, nothing inherited
call :run icacls "%DIR%\certs" /inheritance:r /grant:r "*S-1-5-18:(OI)(CI)F" "*S-1-5-32-544:(OI)(CI)F"
if errorlevel 1 exit /b 3
call :run netsh advfirewall firewall delete rule name="%RULE%"
if errorlevel 1 exit /b 3
call :run netsh advfirewall firewall add rule name="%RULE%" dir=in action=allow protocol=TCP localport=%PORTS% program="%JAVA%" enable=yes profile=any
if errorlevel 1 exit /b 3
rem the other user of the different-user scenarios: a random password nobody needs to know
set "PW=Bl%RANDOM%x%RANDOM%Y%RANDOM%z%RANDOM%"
if defined DRY set "PW=********"
call :run net user %OTHER% !PW! /add /comment:"bindlab second user" /passwordchg:no /expires:never
if errorlevel 1 exit /b 3
call :writexml
if errorlevel 1 exit /b 3
call :run schtasks /Create /TN %TASK% /XML "%XML%" /F
if errorlevel 1 exit /b 3
call :run schtasks /Run /TN %TASK%
if errorlevel 1 exit /b 3
if defined DRY (
  echo [dry-run] task definition %XML%:
  type "%XML%"
  del "%XML%"
)
echo install.cmd: done. Check the agent with: schtasks /Query /TN %TASK% /V and %DIR%\logs\bindlab-agent.log
exit /b 0

:run
if defined DRY (
  echo [dry-run] %*
  exit /b 0
)
%*
if errorlevel 1 (
  rem deleting a rule that does not exist yet is fine; everything else stops the install
  echo %* | findstr /c:"firewall delete rule" >nul && exit /b 0
  echo install.cmd: failed: %* 1>&2
  exit /b 3
)
exit /b 0

:writexml
rem Task Scheduler 1.2 (Vista and later): at boot, as SYSTEM, highest privileges, no time limit, restart on failure
>"%XML%" echo ^<?xml version="1.0" ?^>
>>"%XML%" echo ^<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task"^>
>>"%XML%" echo   ^<RegistrationInfo^>^<Description^>bindlab agent: dials the coordinator over mutual TLS^</Description^>^</RegistrationInfo^>
>>"%XML%" echo   ^<Triggers^>^<BootTrigger^>^<Enabled^>true^</Enabled^>^</BootTrigger^>^</Triggers^>
>>"%XML%" echo   ^<Principals^>^<Principal id="Author"^>^<UserId^>S-1-5-18^</UserId^>^<RunLevel^>HighestAvailable^</RunLevel^>^</Principal^>^</Principals^>
>>"%XML%" echo   ^<Settings^>
>>"%XML%" echo     ^<MultipleInstancesPolicy^>IgnoreNew^</MultipleInstancesPolicy^>
>>"%XML%" echo     ^<DisallowStartIfOnBatteries^>false^</DisallowStartIfOnBatteries^>
>>"%XML%" echo     ^<StopIfGoingOnBatteries^>false^</StopIfGoingOnBatteries^>
>>"%XML%" echo     ^<StartWhenAvailable^>true^</StartWhenAvailable^>
>>"%XML%" echo     ^<ExecutionTimeLimit^>PT0S^</ExecutionTimeLimit^>
>>"%XML%" echo     ^<RestartOnFailure^>^<Interval^>PT1M^</Interval^>^<Count^>999^</Count^>^</RestartOnFailure^>
>>"%XML%" echo     ^<AllowStartOnDemand^>true^</AllowStartOnDemand^>
>>"%XML%" echo     ^<Enabled^>true^</Enabled^>
>>"%XML%" echo   ^</Settings^>
>>"%XML%" echo   ^<Actions Context="Author"^>^<Exec^>
>>"%XML%" echo     ^<Command^>%JAVA%^</Command^>
>>"%XML%" echo     ^<Arguments^>!ARGS!^</Arguments^>
>>"%XML%" echo     ^<WorkingDirectory^>%DIR%^</WorkingDirectory^>
>>"%XML%" echo   ^</Exec^>^</Actions^>
>>"%XML%" echo ^</Task^>
exit /b 0

:badports
echo install.cmd: /ports must be LO-HI with 1024 ^<= LO ^<= HI ^<= 65535, got "%PORTS%" 1>&2
exit /b 2

:usage
echo usage: install.cmd /coordinator ADDR:PORT /ports LO-HI /address IPV4 [/address6 IPV6] /jre JREDIR /jar AGENTJAR
echo                    /certs CERTDIR [/dir C:\bindlab] [/dry-run]
echo   CERTDIR holds ca.crt, agent.crt and agent.key ('bindlab pki issue --agent NAME'); JREDIR holds bin\java.exe.
exit /b 2
