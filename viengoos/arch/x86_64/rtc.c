/* The CMOS real-time clock (MC146818, ports 0x70/0x71): read once at
   boot for the wall clock (rtc.h; boot_info.wall_seconds, which the
   root task's boot info carries on to user space).  QEMU
   and Bochs both have one; tests pin it (QEMU -rtc base=...,clock=vm;
   Bochs clock: time0=), so their output does not change from run to
   run.  */
#include <arch/cpu.h>
#include <arch/machine.h>

#include "rtc.h"

#define CMOS_ADDR 0x70
#define CMOS_DATA 0x71
#define RTC_SEC 0x00
#define RTC_MIN 0x02
#define RTC_HOUR 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0a /* Bit 7: an update is in progress.  */
#define RTC_STATUS_B 0x0b /* Bit 2: binary (else BCD); bit 1: 24-hour.  */
#define RTC_CENTURY 0x32  /* The usual (ACPI FADT default) century byte.  */

static uint8_t
cmos (uint8_t reg)
{
  outb (CMOS_ADDR, reg | 0x80); /* Bit 7 keeps NMIs off.  */
  return inb (CMOS_DATA);
}

struct rtc_time
{
  uint8_t sec, min, hour, day, month, year, century;
};

static void
rtc_read (struct rtc_time *t)
{
  /* Bounded: an update takes under 2 ms; give up after many polls.  */
  for (int i = 0; i < 100000 && (cmos (RTC_STATUS_A) & 0x80); i++)
    ;
  t->sec = cmos (RTC_SEC);
  t->min = cmos (RTC_MIN);
  t->hour = cmos (RTC_HOUR);
  t->day = cmos (RTC_DAY);
  t->month = cmos (RTC_MONTH);
  t->year = cmos (RTC_YEAR);
  t->century = cmos (RTC_CENTURY);
}

static unsigned
bcd (uint8_t v)
{
  return (v >> 4) * 10u + (v & 15u);
}

/* Days from 1970-01-01 to Y-M-D (proleptic Gregorian).  */
static uint64_t
days_from_civil (unsigned y, unsigned m, unsigned d)
{
  y -= m <= 2;
  unsigned era = y / 400;
  unsigned yoe = y - era * 400;
  unsigned mp = m > 2 ? m - 3 : m + 9;
  unsigned doy = (153 * mp + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (uint64_t)era * 146097 + doe - 719468;
}

uint64_t
rtc_read_seconds (void)
{
  struct rtc_time a, b;
  /* Read until two reads agree: no update tore one.  */
  rtc_read (&a);
  for (int i = 0; i < 10; i++)
    {
      rtc_read (&b);
      if (__builtin_memcmp (&a, &b, sizeof a) == 0)
        break;
      a = b;
    }
  uint8_t status_b = cmos (RTC_STATUS_B);
  int binary = status_b & 4, h24 = status_b & 2;
  unsigned pm = a.hour & 0x80;
  unsigned sec = a.sec, min = a.min, hour = a.hour & 0x7f, day = a.day,
           month = a.month, year = a.year, century = a.century;
  if (!binary)
    {
      sec = bcd (a.sec), min = bcd (a.min), hour = bcd (a.hour & 0x7f);
      day = bcd (a.day), month = bcd (a.month), year = bcd (a.year);
      century = bcd (a.century);
    }
  if (!h24)
    hour = hour % 12 + (pm ? 12 : 0);
  if (century < 19 || century > 30)
    century = year < 70 ? 20 : 19;
  year += century * 100;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59
      || sec > 60)
    return 0;
  return days_from_civil (year, month, day) * 86400 + hour * 3600u + min * 60u
         + sec;
}
