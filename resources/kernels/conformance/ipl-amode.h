/* ipl-amode: word slots of ipl_obs (shared by ipl-amode.S, which fills them, and ipl-amode-report.c). */
#ifndef IPL_AMODE_H
#define IPL_AMODE_H

#define OBS_ENTRY_HI 0
#define OBS_ENTRY_LO 1
#define OBS_BASSM31 2
#define OBS_LA31_WRAP 3
#define OBS_LA31_BITS 4
#define OBS_BAL31 5
#define OBS_BAS31 6
#define OBS_BRAS31 7
#define OBS_BASR31 8
#define OBS_BSM31 9
#define OBS_TO24_LINK 10
#define OBS_AT24_LINK 11
#define OBS_BACK31 12
#define OBS_HIGHBIT31 13
#define OBS_BASSM24 14
#define OBS_LA24_WRAP 15
#define OBS_LA24_BITS 16
#define OBS_LA24_DISP 17
#define OBS_BAL24 18
#define OBS_BALR24 19
#define OBS_BAS24 20
#define OBS_BRAS24 21
#define OBS_BASR24 22
#define OBS_BSM24 23
#define OBS_HIGHBIT24 24
#define OBS_LM24 25 /* 4 words */
#define OBS_AT0 29
#define OBS_AT16M 30
#define OBS_FETCH24 31
#define OBS_LINKWRAP24 32
#define OBS_FINAL31 33
#define OBS_DONE 34
#define OBS_CRASH_PSW 36 /* 4 words */
#define OBS_CRASH_CODE 40
#define OBS_CRASHES 41
#define OBS_RESUME_PSW 42 /* 4 words, doubleword aligned */
#define OBS_COUNT 46

#define OBS_DONE_MAGIC 0x600df00d

#endif
