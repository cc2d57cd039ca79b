#!/bin/sh
echo seeds todo
